import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./app/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Database drivers run in Node, never bundled: the embedded engine loads its WASM and PostGIS files
  // from node_modules at run time, and so does sql.js (SQLite, for the GeoPackage exports) its sql-wasm.wasm.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'pg', 'sql.js'],
  // Nothing in the app may call the internet; Next's own telemetry is switched off in scripts/start.ts.
  poweredByHeader: false,
  typedRoutes: false,
  // Metadata in <head> for every client, not streamed into <body> (Next's default since 15.2): Chromium
  // reads <link rel="manifest"> only from <head>, and our generateMetadata (titles from the messages)
  // costs nothing to wait for.
  htmlLimitedBots: /.*/,
};

export default withNextIntl(nextConfig);
