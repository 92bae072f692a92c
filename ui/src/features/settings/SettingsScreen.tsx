import type { KnowledgeBaseStatus } from "../../bindings";
import { About } from "./components/About";
import { KnowledgeBaseSection } from "./components/KnowledgeBaseSection";
import { ThemeSetting } from "./components/ThemeSetting";

export interface SettingsScreenProps {
  status: KnowledgeBaseStatus;
  /** A re-import finished; the app reads the knowledge base's status again. */
  onReimported: () => void;
}

const SECTION =
  "space-y-4 border-t border-stone-200 pt-6 first:border-t-0 first:pt-0 dark:border-stone-800";
const HEADING = "text-xl font-semibold tracking-tight";

/** The app's settings: the knowledge base, the appearance, and what the app is. */
export function SettingsScreen({ status, onReimported }: SettingsScreenProps) {
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl space-y-10 px-6 py-10">
        <section aria-labelledby="settings-knowledge-base" className={SECTION}>
          <h2 id="settings-knowledge-base" className={HEADING}>
            Knowledge base
          </h2>
          <KnowledgeBaseSection status={status} onReimported={onReimported} />
        </section>
        <section aria-labelledby="settings-appearance" className={SECTION}>
          <h2 id="settings-appearance" className={HEADING}>
            Appearance
          </h2>
          <ThemeSetting />
        </section>
        <section aria-labelledby="settings-about" className={SECTION}>
          <h2 id="settings-about" className={HEADING}>
            About
          </h2>
          <About />
        </section>
      </div>
    </div>
  );
}
