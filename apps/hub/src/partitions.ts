// Master role: for each (book, account), every partition its workers can scrape goes to
// exactly one live worker, spreading them evenly; deterministic for the same workers.

export interface Offer {
  workerId: string;
  book: string;
  account: string;
  partitions: readonly string[];
}

/** The partitions assigned to each worker. */
export function assignPartitions(offers: readonly Offer[]): Map<string, string[]> {
  const assigned = new Map<string, string[]>(offers.map((o) => [o.workerId, []]));
  const groups = new Map<string, Offer[]>();
  for (const offer of offers) {
    const key = `${offer.book}\u0000${offer.account}`;
    groups.set(key, [...(groups.get(key) ?? []), offer]);
  }
  for (const group of groups.values()) {
    const partitions = [...new Set(group.flatMap((o) => o.partitions))].sort();
    for (const partition of partitions) {
      const candidates = group.filter((o) => o.partitions.includes(partition));
      // The least loaded candidate takes it; ties go to the lower worker id.
      candidates.sort(
        (a, b) =>
          (assigned.get(a.workerId)?.length ?? 0) - (assigned.get(b.workerId)?.length ?? 0) ||
          a.workerId.localeCompare(b.workerId),
      );
      const chosen = candidates[0];
      if (chosen) assigned.get(chosen.workerId)?.push(partition);
    }
  }
  return assigned;
}
