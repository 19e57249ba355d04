/** Writes the dashboard (index.html, app.css, app.js) into `outdir` (dashboard/dist/); returns app.js's size in bytes. */
export function buildDashboard(outdir?: string): Promise<number>;
