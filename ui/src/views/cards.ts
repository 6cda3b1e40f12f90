// The list of service cards: one per service of the snapshot, trouble first. Cards are kept
// across snapshots (by service id) and only added, updated, moved or removed.

import type { ServiceHistory, Snapshot } from "../ipc";
import { firstRoundDone } from "../lib/headline";
import { COMPACT_FROM, troubleFirst } from "../lib/order";
import { createCard, type Card } from "./card";
import { h } from "./dom";

export interface CardsView {
  list: HTMLUListElement;
  cards: Map<string, Card>;
  onRetry: (id: string) => void;
  /** Asks (true) or stops asking (false) to be told when a service is back. */
  onBack: (id: string, on: boolean) => void;
  /** The services the user asked to be told about. */
  backRequests: Set<string>;
  /** Opens the incident a service's status page reports. */
  onOpenIncident: (id: string) => void;
}

export function cardsView(
  list: HTMLUListElement,
  onRetry: (id: string) => void,
  onBack: (id: string, on: boolean) => void = () => {},
  onOpenIncident: (id: string) => void = () => {},
): CardsView {
  return { list, cards: new Map(), onRetry, onBack, backRequests: new Set(), onOpenIncident };
}

/** Marks the cards of the services the user asked to be told about. */
export function setBackRequests(view: CardsView, ids: string[]): void {
  view.backRequests = new Set(ids);
  for (const [id, card] of view.cards) card.setBackRequested(view.backRequests.has(id));
}

/** Brings the cards in line with the snapshot; returns the ids of cards that are new. */
export function renderCards(view: CardsView, s: Snapshot, nowMs: number): string[] {
  const done = firstRoundDone(s);
  const added: string[] = [];
  const wanted = new Set(s.services.map((x) => x.id));
  for (const [id, card] of view.cards) {
    if (!wanted.has(id)) {
      card.destroy();
      view.cards.delete(id);
    }
  }
  const items: HTMLLIElement[] = [];
  // Trouble first; many services: one line each, each line expanding to its card.
  const compact = s.services.length >= COMPACT_FROM;
  view.list.dataset.compact = String(compact);
  for (const service of troubleFirst(s.services)) {
    let card = view.cards.get(service.id);
    if (!card) {
      card = createCard(
        service.id,
        () => view.onRetry(service.id),
        (on) => view.onBack(service.id, on),
        () => view.onOpenIncident(service.id),
      );
      card.setBackRequested(view.backRequests.has(service.id));
      view.cards.set(service.id, card);
      added.push(service.id);
    }
    card.setCompact(compact);
    card.update(service, s, done, nowMs);
    items.push(card.el);
  }
  if (items.length === 0) {
    items.push(h("li", { class: "card empty", text: "No services are watched. Turn some on in Settings." }));
  }
  // Move only what is out of place, so focus inside a card is kept.
  items.forEach((item, i) => {
    if (view.list.children[i] !== item) view.list.insertBefore(item, view.list.children[i] ?? null);
  });
  while (view.list.children.length > items.length) view.list.lastElementChild?.remove();
  view.list.removeAttribute("aria-busy");
  return added;
}

export function setCardHistory(view: CardsView, history: ServiceHistory, nowMs: number): void {
  view.cards.get(history.service)?.setHistory(history, nowMs);
}

export function setCardHistoryError(view: CardsView, id: string, message: string): void {
  view.cards.get(id)?.setHistoryError(message);
}
