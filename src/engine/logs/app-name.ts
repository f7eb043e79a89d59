// App names become file names, so only Heroku's own alphabet is let through.
const APP_NAME = /^[a-z0-9-]+$/;

export function isValidAppName(app: string): boolean {
  return typeof app === 'string' && APP_NAME.test(app);
}

export function assertAppName(app: string): void {
  if (!isValidAppName(app)) throw new Error(`invalid app name ${JSON.stringify(app)}: use a-z, 0-9 and -`);
}
