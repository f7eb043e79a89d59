// Order history: every order, kept for good with its lines and its total as
// charged. The orders placed so far are copied over.
import { table } from '../src/db.js';
import { historyEntry } from '../src/order-history.js';

export function up(db) {
  db.order_history = table(db, 'orders').map(historyEntry);
}
