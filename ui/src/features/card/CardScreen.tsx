import { type ReactNode, useEffect, useRef } from "react";
import type { AppError, Card } from "../../bindings";
import { ManaCost } from "../../components/mana/ManaCost";
import { ManaSymbol } from "../../components/mana/ManaSymbol";
import { useCards } from "./cardStore";
import { CardImage } from "./components/CardImage";
import { FaceDetails, colorNames } from "./components/FaceDetails";
import { LegalitiesTable } from "./components/LegalitiesTable";
import { Printings } from "./components/Printings";
import { Rulings } from "./components/Rulings";

export interface CardScreenProps {
  name: string;
  onBack: () => void;
  onOpenCard: (name: string) => void;
  onOpenRule: (rule: string) => void;
}

const GAMES: Record<string, string> = { paper: "Paper", arena: "Arena", mtgo: "Magic Online" };

/** A card's page: picture, every face's text, legality, rulings and printings. */
export function CardScreen({ name, onBack, onOpenCard, onOpenRule }: CardScreenProps) {
  const entry = useCards((state) => state.entries[name]);
  const load = useCards((state) => state.load);

  useEffect(() => {
    void load(name);
  }, [name, load]);

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-6xl px-6 py-4">
        <button type="button" className="btn mb-4 inline-flex items-center gap-1" onClick={onBack}>
          <span aria-hidden="true">←</span> Back
        </button>
        {entry === undefined || entry.state === "loading" ? (
          <div aria-busy="true">
            <h2 className="text-2xl font-semibold tracking-tight">{name}</h2>
            <p role="status" className="mt-2 text-sm text-stone-500 dark:text-stone-400">
              Loading the card…
            </p>
          </div>
        ) : entry.state === "failed" ? (
          <CardFailure
            error={entry.error}
            onOpenCard={onOpenCard}
            onRetry={() => void load(name)}
          />
        ) : (
          <CardDetails key={entry.card.name} card={entry.card} onOpenRule={onOpenRule} />
        )}
      </div>
    </div>
  );
}

function CardFailure({
  error,
  onOpenCard,
  onRetry,
}: {
  error: AppError;
  onOpenCard: (name: string) => void;
  onRetry: () => void;
}) {
  const notFound = error.code === "card_not_found";
  return (
    <div className="max-w-xl space-y-4">
      <h2 className="text-xl font-semibold">{error.message}</h2>
      {notFound && error.suggestions.length > 0 && (
        <div>
          <p className="text-sm text-stone-600 dark:text-stone-400">Did you mean:</p>
          <ul className="mt-2 flex flex-wrap gap-2" aria-label="Suggested cards">
            {error.suggestions.map((suggestion) => (
              <li key={suggestion}>
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    onOpenCard(suggestion);
                  }}
                >
                  {suggestion}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!notFound && error.code !== "no_knowledge_base" && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

function CardDetails({ card, onOpenRule }: { card: Card; onOpenRule: (rule: string) => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const multiFaced = card.faces.length > 1;

  // Opening a card from the keyboard moves the reading position to it.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <article
      aria-labelledby="card-title"
      className="grid items-start gap-8 md:grid-cols-[minmax(0,18rem)_minmax(0,1fr)]"
    >
      <div className="w-full max-w-72 md:sticky md:top-0">
        <CardImage card={card} />
      </div>
      <div className="min-w-0 space-y-8">
        <header className="space-y-2">
          <div className="flex flex-wrap items-center gap-3">
            <h2
              id="card-title"
              ref={headingRef}
              tabIndex={-1}
              // A focus target for reading, not a control: no focus ring.
              className="text-2xl font-semibold tracking-tight focus:outline-none"
            >
              {card.name}
            </h2>
            {card.mana_cost !== null && (
              <span className="text-lg">
                <ManaCost cost={card.mana_cost} />
              </span>
            )}
          </div>
          <Badges card={card} />
        </header>

        <div className="space-y-3">
          {card.faces.map((face, index) => (
            <FaceDetails
              key={index}
              face={face}
              headingId={multiFaced ? `card-face-${String(index)}` : null}
            />
          ))}
        </div>

        <Section title="Details" id="card-details">
          <Facts card={card} />
        </Section>

        <Section title="Legality" id="card-legality">
          <LegalitiesTable legalities={card.legalities} />
        </Section>

        <Section title="Rulings" id="card-rulings">
          <Rulings rulings={card.rulings ?? []} onOpenRule={onOpenRule} />
        </Section>

        <Section title="Printings" id="card-printings">
          <Printings printings={card.printings ?? []} />
        </Section>
      </div>
    </article>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h3
        id={id}
        className="mb-2 text-sm font-semibold tracking-wide text-stone-500 uppercase dark:text-stone-400"
      >
        {title}
      </h3>
      {children}
    </section>
  );
}

/** What sets the card apart at a glance: rarity, the Reserved List, commander eligibility. */
function Badges({ card }: { card: Card }) {
  const badges: { label: string; className: string }[] = [];
  if (card.rarity !== null) {
    badges.push({
      label: card.rarity.charAt(0).toUpperCase() + card.rarity.slice(1),
      className: "bg-stone-200 text-stone-800 dark:bg-stone-800 dark:text-stone-200",
    });
  }
  if (card.can_be_commander) {
    badges.push({
      label: "Can be your commander",
      className: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
    });
  }
  if (card.reserved) {
    badges.push({
      label: "Reserved List",
      className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
    });
  }
  if (badges.length === 0) {
    return null;
  }
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Highlights">
      {badges.map((badge) => (
        <li
          key={badge.label}
          className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${badge.className}`}
        >
          {badge.label}
        </li>
      ))}
    </ul>
  );
}

const RANK = new Intl.NumberFormat("en");

function Facts({ card }: { card: Card }) {
  const facts: { term: string; value: ReactNode }[] = [
    { term: "Mana value", value: card.mana_value ?? 0 },
    {
      term: "Colour identity",
      value:
        card.color_identity.length === 0 ? (
          "Colourless"
        ) : (
          <span className="inline-flex items-center gap-2">
            <span className="inline-flex" aria-hidden="true">
              {card.color_identity.map((color) => (
                <ManaSymbol key={color} symbol={color} />
              ))}
            </span>
            {colorNames(card.color_identity)}
          </span>
        ),
    },
    {
      term: "Keywords",
      value:
        card.keywords.length === 0 ? (
          "None"
        ) : (
          <ul className="flex flex-wrap gap-1.5">
            {card.keywords.map((keyword) => (
              <li
                key={keyword}
                className="rounded bg-stone-200 px-1.5 text-xs leading-5 dark:bg-stone-800"
              >
                {keyword}
              </li>
            ))}
          </ul>
        ),
    },
    {
      term: "EDHREC rank",
      value: card.edhrec_rank === null ? "Unranked" : `#${RANK.format(card.edhrec_rank)}`,
    },
    {
      term: "Games",
      value:
        card.games.length === 0 ? "None" : card.games.map((game) => GAMES[game] ?? game).join(", "),
    },
    { term: "Commander", value: card.can_be_commander ? "Can be your commander" : "No" },
    { term: "Reserved List", value: card.reserved ? "Yes" : "No" },
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-sm">
      {facts.map((fact) => (
        <div key={fact.term} className="contents">
          <dt className="text-stone-500 dark:text-stone-400">{fact.term}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
