// DATABASE_URL as Heroku Postgres hands it to an app, and the same URL with its password
// masked for anything a person reads. Pure.

export interface DatabaseAddress {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function databaseUrl(a: DatabaseAddress): string {
  const enc = encodeURIComponent;
  return `postgres://${enc(a.user)}:${enc(a.password)}@${a.host}:${a.port}/${enc(a.database)}`;
}

/** postgres://user:****@host:port/db; anything that is not a URL with a password comes back unchanged but for its password part. */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.href;
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1****@');
  }
}

export function parseDatabaseUrl(url: string): DatabaseAddress | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return undefined;
  const dec = decodeURIComponent;
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: dec(parsed.username),
    password: dec(parsed.password),
    database: dec(parsed.pathname.replace(/^\//, '')),
  };
}
