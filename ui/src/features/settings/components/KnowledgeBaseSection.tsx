import { useEffect } from "react";
import type { KnowledgeBaseStatus, Stats } from "../../../bindings";
import { ImportFailure } from "../../../components/ImportFailure";
import { ImportProgress } from "../../../components/ImportProgress";
import { StatsList } from "../../../components/StatsList";
import { useReimport } from "../reimportStore";
import { DataFolder } from "./DataFolder";

export interface KnowledgeBaseSectionProps {
  status: KnowledgeBaseStatus;
  /** A re-import finished: the status has new figures to show. */
  onReimported: () => void;
}

/** `2022-04-25` as "April 25, 2022"; other text as it is. */
function longDate(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" });
}

/** Where each part of the knowledge base came from, as far as its `meta` tells. */
function provenance(meta: Stats["meta"]): { label: string; value: string }[] {
  const rows: { label: string; value: string }[] = [];
  const cardsSource = meta["cards.source"];
  if (cardsSource !== undefined) {
    const name = cardsSource === "mtgjson" ? "MTGJSON" : "Scryfall";
    const version = meta["cards.version"];
    const date = meta["cards.date"];
    rows.push({
      label: "Card data",
      value: [name, version, date === undefined ? undefined : `of ${longDate(date)}`]
        .filter((part) => part !== undefined)
        .join(" "),
    });
  }
  const rulesDate = meta.rules_effective_date;
  if (rulesDate !== undefined) {
    rows.push({ label: "Comprehensive Rules", value: `Effective ${longDate(rulesDate)}` });
  }
  const combos = meta["combos.timestamp"] ?? meta["combos.version"];
  if (combos !== undefined) {
    rows.push({
      label: "Combos",
      value: `Commander Spellbook of ${longDate(combos.slice(0, 10))}`,
    });
  }
  const importedAt = Number(meta.imported_at_unix);
  if (Number.isFinite(importedAt) && importedAt > 0) {
    rows.push({
      label: "Last import",
      value: new Date(importedAt * 1000).toLocaleString("en-US", {
        dateStyle: "long",
        timeStyle: "short",
      }),
    });
  }
  return rows;
}

/** What the knowledge base holds, where it lives, and re-importing it in place. */
export function KnowledgeBaseSection({ status, onReimported }: KnowledgeBaseSectionProps) {
  const run = useReimport((state) => state.run);
  const start = useReimport((state) => state.start);
  const cancel = useReimport((state) => state.cancel);
  const retry = useReimport((state) => state.retry);
  const reset = useReimport((state) => state.reset);

  // An outcome belongs to this visit; a running import goes on and is shown again on return.
  useEffect(() => reset, [reset]);

  const finished = async (importing: Promise<void>) => {
    await importing;
    if (useReimport.getState().run.phase === "done") {
      onReimported();
    }
  };

  return (
    <div className="space-y-6">
      {status.state === "ready" ? (
        <div className="space-y-4">
          <StatsList
            stats={status.stats}
            shown={["cards", "sets", "printings", "rulings", "rules", "glossary_terms", "combos"]}
          />
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
            {provenance(status.stats.meta).map((row) => (
              <div key={row.label} className="contents">
                <dt className="text-stone-500 dark:text-stone-400">{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : (
        <p role="status" className="text-stone-700 dark:text-stone-300">
          {status.reason}
        </p>
      )}
      <DataFolder
        path={status.data_dir}
        busy={run.phase === "running"}
        onReimport={() => void finished(start({ kind: "public_sources" }))}
      />
      {run.phase === "running" && (
        <ImportProgress
          progress={run.progress}
          cancelling={run.cancelling}
          onCancel={() => void cancel()}
        />
      )}
      {run.phase === "done" && (
        <p role="status" className="text-emerald-700 dark:text-emerald-300">
          {run.report.up_to_date
            ? "The sources have not changed since the last import: the knowledge base is up to date."
            : `Re-imported${run.report.elapsed === null ? "" : ` in ${String(Math.max(1, Math.round(run.report.elapsed)))} s`}. The figures above are the new knowledge base’s.`}
        </p>
      )}
      {run.phase === "failed" && (
        <ImportFailure
          level={3}
          error={run.error}
          onRetry={() => void finished(retry())}
          onBack={reset}
          backLabel="Dismiss"
        />
      )}
    </div>
  );
}
