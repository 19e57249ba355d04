// Labelled test sets: their row format, turning rows into listings, and pairwise
// precision and recall of a clustering against them (over pairs of listings from
// different books), with whether swaps were recorded right.

/** One book listing a fixture: [book, home, away, minutes off the kickoff, 'x' when listed swapped]. */
export type Row = [book: string, home: string, away: string, offset?: number, swapped?: 'x'];

export interface Fixture {
  id: string;
  sport: string;
  league: string;
  kickoff: string;
  rows: Row[];
}

/** The listings of a set, with the fixture each belongs to and whether it is listed swapped. */
export function toListings(fixtures: readonly Fixture[], leagueAt: (book: string, league: string) => string) {
  return fixtures.flatMap((fixture) =>
    fixture.rows.map(([book, home, away, offset = 0, swapped]) => ({
      fixture: fixture.id,
      swapped: swapped === 'x',
      listing: {
        book,
        eventId: `${book}-${fixture.id}`,
        sport: fixture.sport,
        league: leagueAt(book, fixture.league),
        home,
        away,
        startTime: new Date(Date.parse(fixture.kickoff) + offset * 60_000).toISOString(),
      },
    })),
  );
}
export interface Labelled {
  fixture: string;
  swapped: boolean;
  listing: { book: string; eventId: string; home: string; away: string };
}

/** Pairwise precision and recall over pairs of listings from different books. */
export function pairwise(
  labelled: readonly Labelled[],
  groups: { book: string; eventId: string; swapped: boolean }[][],
) {
  const truth = new Map(labelled.map((l) => [`${l.listing.book}|${l.listing.eventId}`, l]));
  const predicted = new Map<string, string>();
  const orientation = new Map<string, boolean>();
  groups.forEach((members, g) => {
    members.forEach((m) => {
      predicted.set(`${m.book}|${m.eventId}`, String(g));
      orientation.set(`${m.book}|${m.eventId}`, m.swapped);
    });
  });
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  let wrongOrientation = 0;
  const falseMerges: string[] = [];
  const misses: string[] = [];
  const keys = [...truth.keys()];
  for (let i = 0; i < keys.length; i += 1) {
    for (let j = i + 1; j < keys.length; j += 1) {
      const a = truth.get(keys[i] ?? '') as Labelled;
      const b = truth.get(keys[j] ?? '') as Labelled;
      if (a.listing.book === b.listing.book) continue;
      const same = a.fixture === b.fixture;
      const merged = predicted.get(keys[i] ?? '') === predicted.get(keys[j] ?? '');
      const names = `${a.listing.home} v ${a.listing.away} | ${b.listing.home} v ${b.listing.away}`;
      if (same && merged) {
        truePositive += 1;
        const relative = orientation.get(keys[i] ?? '') !== orientation.get(keys[j] ?? '');
        if (relative !== (a.swapped !== b.swapped)) wrongOrientation += 1;
      } else if (merged) {
        falsePositive += 1;
        falseMerges.push(names);
      } else if (same) {
        falseNegative += 1;
        misses.push(names);
      }
    }
  }
  return {
    precision: truePositive / (truePositive + falsePositive),
    recall: truePositive / (truePositive + falseNegative),
    truePositive,
    falseMerges,
    misses,
    wrongOrientation,
  };
}
