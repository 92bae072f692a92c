import { createImportStore } from "../../lib/importProgress";

/** A re-import started from the settings: its progress, its outcome, and retrying it. */
export const useReimport = createImportStore();
