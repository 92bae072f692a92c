import { create } from "zustand";
import { type AppError, type KnowledgeBaseStatus, commands } from "../../bindings";
import { appError, unwrap } from "../../lib/api";

interface KnowledgeBaseState {
  /** Null until the first answer. */
  status: KnowledgeBaseStatus | null;
  /** Why the status could not be read (not "missing": that is a status). */
  error: AppError | null;
  /** Asks the shell again (on start and after an import). */
  refresh: () => Promise<void>;
}

/** Whether the knowledge base exists: the app shows onboarding until it does. */
export const useKnowledgeBase = create<KnowledgeBaseState>()((set) => ({
  status: null,
  error: null,
  refresh: async () => {
    try {
      set({ status: await unwrap(commands.knowledgeBaseStatus()), error: null });
    } catch (thrown) {
      set({ error: appError(thrown) });
    }
  },
}));
