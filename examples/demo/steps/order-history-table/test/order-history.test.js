import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyEntry, ordersFor } from '../src/order-history.js';

// Orders as checkout records them.
function withOrders() {
  return {
    orders: [
      {
        number: 'BC-1001',
        email: 'Ada@Example.com',
        placedAt: '2024-03-02T10:15:00Z',
        lines: [{ slug: 'stoneware-mug', quantity: 2, priceCents: 1400, note: 'gift' }],
      },
      {
        number: 'BC-1002',
        email: 'lin@example.com',
        placedAt: '2024-03-04T16:40:00Z',
        lines: [{ slug: 'wool-throw', quantity: 1, priceCents: 8900 }],
      },
      {
        number: 'BC-1003',
        email: 'ada@example.com',
        placedAt: '2024-04-11T08:05:00Z',
        lines: [
          { slug: 'beeswax-candle', quantity: 3, priceCents: 995 },
          { slug: 'linen-apron', quantity: 1, priceCents: 2490 },
        ],
      },
    ],
  };
}

test('an entry keeps the lines at the price charged (nothing else of them), and the total in cents', () => {
  const entry = historyEntry(withOrders().orders[2]);
  assert.equal(entry.totalCents, 3 * 995 + 2490);
  assert.deepEqual(entry.lines[0], { slug: 'beeswax-candle', quantity: 3, priceCents: 995 });
  assert.equal(historyEntry(withOrders().orders[0]).lines[0].note, undefined);
});

test("lists a customer's orders newest first, whatever the email's case", () => {
  const db = { order_history: withOrders().orders.map(historyEntry) };
  assert.deepEqual(ordersFor(db, ' ADA@example.com').map((entry) => entry.number), ['BC-1003', 'BC-1001']);
  assert.deepEqual(ordersFor(db, 'nobody@example.com'), []);
});
