// Order history: what each customer ordered, with the prices they paid.
import { table } from './db.js';

/** An order as the history keeps it: lines at the price charged, and the total in cents. */
export function historyEntry(order) {
  const lines = order.lines.map(({ slug, quantity, priceCents }) => ({ slug, quantity, priceCents }));
  return {
    number: order.number,
    email: order.email.trim().toLowerCase(),
    placedAt: order.placedAt,
    lines,
    totalCents: lines.reduce((sum, line) => sum + line.quantity * line.priceCents, 0),
  };
}

/** A customer's orders, newest first. */
export function ordersFor(db, email) {
  const who = email.trim().toLowerCase();
  return table(db, 'order_history')
    .filter((entry) => entry.email === who)
    .sort((a, b) => b.placedAt.localeCompare(a.placedAt));
}
