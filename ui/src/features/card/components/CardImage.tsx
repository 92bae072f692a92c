import { useState } from "react";
import type { Card } from "../../../bindings";
import { type CardSide, cardImageUrl } from "../../../lib/cardImage";
import { TextFrame } from "./TextFrame";

/** Layouts printed on two sides of the card, whose picture can be turned over. */
const TWO_SIDED = new Set([
  "transform",
  "modal_dfc",
  "reversible_card",
  "double_faced_token",
  "art_series",
]);

type Loading = "loading" | "loaded" | "failed";

/**
 * The card's picture from the image cache, with a button to turn a double-faced card over.
 * Until the picture arrives, and when it cannot (offline, no Scryfall id), a text frame takes
 * its place; the two share one box so nothing moves when the picture appears.
 */
export function CardImage({ card }: { card: Card }) {
  const [side, setSide] = useState<CardSide>("front");
  const [loading, setLoading] = useState<Record<CardSide, Loading>>({
    front: "loading",
    back: "loading",
  });
  const twoSided = TWO_SIDED.has(card.layout) && card.faces.length > 1;
  const faces = twoSided
    ? card.faces.slice(side === "front" ? 0 : 1, side === "front" ? 1 : 2)
    : card.faces;
  const label = faces.map((face) => face.name).join(" // ");
  const state = card.scryfall_id === null ? "failed" : loading[side];
  const settle = (outcome: Loading) => {
    setLoading((current) => ({ ...current, [side]: outcome }));
  };

  return (
    <div className="space-y-3">
      <div className="relative">
        {state !== "loaded" && (
          <TextFrame faces={faces} colorIdentity={card.color_identity} label={label} />
        )}
        {card.scryfall_id !== null && state !== "failed" && (
          <img
            key={side}
            src={cardImageUrl(card.scryfall_id, side)}
            alt={label}
            onLoad={() => {
              settle("loaded");
            }}
            onError={() => {
              settle("failed");
            }}
            className={`aspect-[63/88] w-full rounded-[4.75%/3.5%] shadow-lg ${
              state === "loaded" ? "" : "invisible absolute inset-0"
            }`}
          />
        )}
      </div>
      {twoSided && (
        <div className="flex justify-center">
          <button
            type="button"
            className="btn inline-flex items-center gap-1.5"
            onClick={() => {
              setSide(side === "front" ? "back" : "front");
            }}
          >
            <FlipIcon />
            {side === "front" ? "Show back face" : "Show front face"}
          </button>
        </div>
      )}
    </div>
  );
}

function FlipIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
      <path d="M4.5 7.5a5.5 5.5 0 0 1 9.9-3.3l.6-1.4a.75.75 0 0 1 1.38.58l-1.5 3.5a.75.75 0 0 1-.98.4l-3.5-1.5a.75.75 0 1 1 .6-1.38l1.6.69A4 4 0 0 0 6 7.5a.75.75 0 0 1-1.5 0Zm11 5a5.5 5.5 0 0 1-9.9 3.3l-.6 1.4a.75.75 0 0 1-1.38-.58l1.5-3.5a.75.75 0 0 1 .98-.4l3.5 1.5a.75.75 0 1 1-.6 1.38l-1.6-.69A4 4 0 0 0 14 12.5a.75.75 0 0 1 1.5 0Z" />
    </svg>
  );
}
