import { createImportStore } from "../../lib/importProgress";

/** The first-run import: its progress, its outcome, and retrying it. */
export const useOnboardingImport = createImportStore();
