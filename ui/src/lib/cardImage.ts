import { convertFileSrc } from "@tauri-apps/api/core";

/** Which side of a card's printing to show. */
export type CardSide = "front" | "back";

/**
 * The URL of a printing's image through the app's `card-image` protocol, which serves it from
 * the disk cache and fetches it from Scryfall on a miss; it fails (an `<img>` error) when the
 * image is neither cached nor reachable, and the card page then draws a text frame.
 */
export function cardImageUrl(scryfallId: string, side: CardSide): string {
  return convertFileSrc(`${scryfallId}/${side}`, "card-image");
}
