// Order history: every order, kept for good with its lines and its total as
// charged. The orders placed so far are copied over from checkout's orders table.
export async function up(db) {
  await db.query(`create table order_history (
    number text primary key,
    email text not null,
    placed_at timestamptz not null,
    lines jsonb not null,
    total_cents integer not null
  )`);
  await db.query(`insert into order_history (number, email, placed_at, lines, total_cents)
    select number, lower(trim(email)), placed_at, lines,
      (select coalesce(sum((line ->> 'quantity')::int * (line ->> 'priceCents')::int), 0) from jsonb_array_elements(lines) as line)
    from orders`);
}
