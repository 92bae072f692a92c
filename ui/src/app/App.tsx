import { useCallback, useEffect } from "react";
import { CardScreen } from "../features/card/CardScreen";
import { DeckScreen } from "../features/decks/DeckScreen";
import { DecksScreen } from "../features/decks/DecksScreen";
import { OnboardingScreen } from "../features/onboarding/OnboardingScreen";
import { useKnowledgeBase } from "../features/onboarding/knowledgeBaseStore";
import { RulesScreen } from "../features/rules/RulesScreen";
import { SearchScreen } from "../features/search/SearchScreen";
import { SettingsScreen } from "../features/settings/SettingsScreen";
import { useAppliedTheme } from "../features/settings/themeStore";
import { type Screen, useNavigation } from "./navigation";
import { SEARCH_INPUT_ID } from "../lib/dom";

const TABS: { label: string; screen: Screen }[] = [
  { label: "Cards", screen: { kind: "search" } },
  { label: "Rules", screen: { kind: "rules", rule: null } },
  { label: "Decks", screen: { kind: "decks" } },
  { label: "Settings", screen: { kind: "settings" } },
];

/**
 * The app shell: checks the knowledge base, shows onboarding until there is one, then the
 * screens with a tab bar. It is the only place that knows every feature; features reach each
 * other through the callbacks it passes.
 */
export function App() {
  useAppliedTheme();
  const status = useKnowledgeBase((state) => state.status);
  const loadError = useKnowledgeBase((state) => state.error);
  const refresh = useKnowledgeBase((state) => state.refresh);
  const current = useNavigation((state) => state.current);
  const open = useNavigation((state) => state.open);
  const back = useNavigation((state) => state.back);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const focusSearch = useCallback(() => {
    if (current.kind !== "search") {
      open({ kind: "search" });
    }
    // After React has shown the search screen.
    requestAnimationFrame(() => document.getElementById(SEARCH_INPUT_ID)?.focus());
  }, [current.kind, open]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "/" && !isTyping(event.target)) {
        event.preventDefault();
        focusSearch();
      } else if (event.key === "ArrowLeft" && event.altKey) {
        event.preventDefault();
        back();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
    };
  }, [focusSearch, back]);

  if (status === null) {
    return (
      <main className="grid min-h-screen place-items-center" aria-busy={loadError === null}>
        {loadError === null ? (
          <p className="text-stone-500">Opening the knowledge base…</p>
        ) : (
          <div role="alert" className="max-w-md space-y-3 text-center">
            <p className="font-medium">{loadError.message}</p>
            <button type="button" className="btn" onClick={() => void refresh()}>
              Try again
            </button>
          </div>
        )}
      </main>
    );
  }

  if (status.state === "missing") {
    return (
      <OnboardingScreen
        dataDir={status.data_dir}
        reason={status.reason}
        onImported={() => void refresh()}
      />
    );
  }

  const openCard = (name: string) => {
    open({ kind: "card", name });
  };
  const openRule = (rule: string) => {
    open({ kind: "rules", rule });
  };

  return (
    <div className="flex h-screen flex-col">
      <header className="flex items-center gap-6 border-b border-stone-200 px-4 py-2 dark:border-stone-800">
        <h1 className="text-lg font-semibold tracking-tight">Planeswalker</h1>
        <nav aria-label="Screens">
          <ul className="flex gap-1">
            {TABS.map((tab) => {
              const selected =
                tab.screen.kind === current.kind ||
                (tab.screen.kind === "search" && current.kind === "card") ||
                (tab.screen.kind === "decks" && current.kind === "deck");
              return (
                <li key={tab.label}>
                  <button
                    type="button"
                    aria-current={selected ? "page" : undefined}
                    onClick={() => {
                      open(tab.screen);
                    }}
                    className={`rounded px-3 py-1 text-sm ${selected ? "bg-stone-200 font-medium dark:bg-stone-800" : "hover:bg-stone-100 dark:hover:bg-stone-900"}`}
                  >
                    {tab.label}
                  </button>
                </li>
              );
            })}
          </ul>
        </nav>
      </header>
      <main className="min-h-0 flex-1">
        {current.kind === "search" && <SearchScreen onOpenCard={openCard} />}
        {current.kind === "card" && (
          <CardScreen
            name={current.name}
            onBack={back}
            onOpenCard={openCard}
            onOpenRule={openRule}
          />
        )}
        {current.kind === "rules" && <RulesScreen rule={current.rule} onOpenRule={openRule} />}
        {current.kind === "decks" && (
          <DecksScreen
            onOpenDeck={(id) => {
              open({ kind: "deck", id });
            }}
          />
        )}
        {current.kind === "deck" && (
          <DeckScreen id={current.id} onBack={back} onOpenCard={openCard} onOpenRule={openRule} />
        )}
        {current.kind === "settings" && (
          <SettingsScreen status={status} onReimported={() => void refresh()} />
        )}
      </main>
    </div>
  );
}

/** Whether a key press goes into a text field (so `/` types a slash there). */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}
