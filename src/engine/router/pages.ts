// The small HTML pages the router answers with itself, shaped like Heroku's.

function page(title: string, message: string): string {
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head><meta charset="utf-8"><title>' + title + '</title></head>',
    '<body>',
    '<h1>' + title + '</h1>',
    '<p>' + message + '</p>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export const applicationErrorPage = page(
  'Application error',
  'An error occurred in the application and your page could not be served. Check the router and dyno logs for details.',
);

export const maintenancePage = page(
  'Offline for Maintenance',
  'This app is undergoing maintenance right now. Please check back later.',
);
