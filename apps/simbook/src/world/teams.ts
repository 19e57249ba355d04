// The simulator's own teams and how each book spells them. Written for the simulator,
// independently of the matcher's alias file: a matching test that passes because both
// sides read one table would prove nothing.
import { SIM_BOOKS } from '@arbhub/schema';
import type { SimBook } from '@arbhub/schema';

export type BookId = SimBook;
export const BOOKS: readonly BookId[] = SIM_BOOKS;

export interface Team {
  /** The name used in the ground truth. */
  name: string;
  /** How a book writes it when its house style does not. */
  spellings?: Partial<Record<BookId, string>>;
}

export interface League {
  name: string;
  /** How each book names the league. */
  spellings: Record<BookId, string>;
  teams: Team[];
}

const t = (name: string, spellings?: Partial<Record<BookId, string>>): Team =>
  spellings ? { name, spellings } : { name };

export const LEAGUES: League[] = [
  {
    name: 'England Premier League',
    spellings: {
      csport: 'ENGLISH PREMIER LEAGUE',
      sbo: 'England - Premier League',
      bmk: 'Soccer - England Premier League',
      pin: 'England - Premier League',
      ibc: 'ENGLISH PREMIER LEAGUE',
      cmd: 'England Premier League',
    },
    teams: [
      t('Arsenal', { bmk: 'Arsenal FC' }),
      t('Chelsea', { sbo: 'Chelsea FC' }),
      t('Liverpool', { bmk: 'Liverpool FC' }),
      t('Manchester United', {
        csport: 'MANCHESTER UTD',
        sbo: 'Man Utd',
        bmk: 'Man United',
        cmd: 'Manchester Utd',
      }),
      t('Manchester City', { sbo: 'Man City', bmk: 'Manchester City FC' }),
      t('Tottenham Hotspur', { sbo: 'Tottenham', bmk: 'Tottenham', cmd: 'Tottenham' }),
      t('Newcastle United', { csport: 'NEWCASTLE', sbo: 'Newcastle Utd', cmd: 'Newcastle' }),
      t('Aston Villa', { bmk: 'Aston Villa FC' }),
      t('West Ham United', { sbo: 'West Ham', bmk: 'West Ham Utd', cmd: 'West Ham' }),
      t('Brighton & Hove Albion', {
        csport: 'BRIGHTON',
        sbo: 'Brighton',
        bmk: 'Brighton and Hove Albion',
        cmd: 'Brighton',
      }),
      t('Everton', { bmk: 'Everton FC' }),
      t('Wolverhampton Wanderers', { sbo: 'Wolverhampton', bmk: 'Wolves', cmd: 'Wolves' }),
    ],
  },
  {
    name: 'Spain La Liga',
    spellings: {
      csport: 'SPAIN LA LIGA',
      sbo: 'Spain - LaLiga',
      bmk: 'Soccer - Spain Primera Division',
      pin: 'Spain - La Liga',
      ibc: 'SPAIN LA LIGA',
      cmd: 'Spain La Liga',
    },
    teams: [
      t('Real Madrid', { sbo: 'Real Madrid CF' }),
      t('Barcelona', { sbo: 'FC Barcelona', bmk: 'Barça' }),
      t('Atlético Madrid', {
        csport: 'ATLETICO MADRID',
        sbo: 'Atletico de Madrid',
        bmk: 'Atl. Madrid',
        cmd: 'Atletico Madrid',
      }),
      t('Sevilla', { sbo: 'Sevilla FC' }),
      t('Real Betis', { bmk: 'Betis' }),
      t('Real Sociedad', { bmk: 'R. Sociedad' }),
      t('Athletic Bilbao', { sbo: 'Athletic Club', bmk: 'Ath. Bilbao', ibc: 'Athletic Club Bilbao' }),
      t('Villarreal', { sbo: 'Villarreal CF' }),
      t('Valencia', { sbo: 'Valencia CF' }),
      t('Celta Vigo', { sbo: 'Celta de Vigo', bmk: 'RC Celta' }),
    ],
  },
  {
    name: 'Germany Bundesliga',
    spellings: {
      csport: 'GERMANY BUNDESLIGA',
      sbo: 'Germany - Bundesliga',
      bmk: 'Soccer - Germany Bundesliga',
      pin: 'Germany - Bundesliga',
      ibc: 'GERMANY BUNDESLIGA',
      cmd: 'Germany Bundesliga 1',
    },
    teams: [
      t('Bayern Munich', {
        csport: 'BAYERN MUNCHEN',
        sbo: 'FC Bayern München',
        bmk: 'Bayern',
        ibc: 'Bayern Munchen',
      }),
      t('Borussia Dortmund', { sbo: 'Dortmund', bmk: 'BVB Dortmund', cmd: 'Dortmund' }),
      t('Bayer Leverkusen', { sbo: 'Leverkusen', bmk: 'Bayer 04 Leverkusen', cmd: 'Leverkusen' }),
      t('RB Leipzig', { bmk: 'Leipzig' }),
      t('Eintracht Frankfurt', { bmk: 'E. Frankfurt' }),
      t('VfB Stuttgart', { sbo: 'Stuttgart' }),
      t('Borussia Mönchengladbach', {
        csport: 'B. MONCHENGLADBACH',
        sbo: "Borussia M'gladbach",
        bmk: 'Gladbach',
        cmd: 'Monchengladbach',
      }),
      t('1. FC Köln', { csport: 'FC KOLN', sbo: '1. FC Koeln', bmk: 'Cologne', ibc: 'FC Koln', cmd: 'Koln' }),
      t('Werder Bremen', { sbo: 'SV Werder Bremen' }),
      t('SC Freiburg', { bmk: 'Freiburg' }),
    ],
  },
  {
    name: 'Italy Serie A',
    spellings: {
      csport: 'ITALY SERIE A',
      sbo: 'Italy - Serie A',
      bmk: 'Soccer - Italy Serie A',
      pin: 'Italy - Serie A',
      ibc: 'ITALY SERIE A',
      cmd: 'Italy Serie A',
    },
    teams: [
      t('Inter Milan', {
        csport: 'INTER',
        sbo: 'Internazionale',
        bmk: 'FC Internazionale Milano',
        cmd: 'Inter',
      }),
      t('AC Milan', { bmk: 'Milan' }),
      t('Juventus', { bmk: 'Juventus Turin' }),
      t('Napoli', { sbo: 'SSC Napoli', ibc: 'SSC Napoli' }),
      t('AS Roma', { sbo: 'Roma', cmd: 'Roma' }),
      t('Lazio', { sbo: 'SS Lazio', ibc: 'SS Lazio' }),
      t('Atalanta', { bmk: 'Atalanta Bergamo' }),
      t('Fiorentina', { sbo: 'ACF Fiorentina' }),
      t('Bologna', { bmk: 'Bologna FC' }),
      t('Torino', { sbo: 'Torino FC' }),
    ],
  },
];

/** Invented clubs for large runs (benchmarks): a place made of syllables and a suffix. */
export function inventedTeam(random: () => number): Team {
  const syllables = [
    'var',
    'kel',
    'bro',
    'ost',
    'mar',
    'den',
    'tal',
    'vik',
    'sor',
    'lin',
    'gar',
    'hol',
    'ber',
    'wen',
    'rud',
    'pol',
    'nor',
    'cas',
    'tor',
  ];
  const suffixes = ['', 'United', 'City', 'Rovers', 'Athletic', 'Town'];
  const place = Array.from(
    { length: 3 },
    () => syllables[Math.floor(random() * syllables.length)] ?? 'var',
  ).join('');
  const suffix = suffixes[Math.floor(random() * suffixes.length)] ?? '';
  const name = `${place[0]?.toUpperCase() ?? ''}${place.slice(1)}${suffix ? ` ${suffix}` : ''}`;
  return {
    name,
    spellings: {
      sbo: suffix === 'United' ? name.replace('United', 'Utd') : name,
      bmk: suffix ? name.replace(` ${suffix}`, '') : name,
      cmd: suffix === 'United' ? name.replace('United', 'Utd') : name,
    },
  };
}

/** How a book writes a team: its own spelling where it has one, else its house style. */
export function spell(team: Team, book: BookId): string {
  const own = team.spellings?.[book];
  if (own) return own;
  // C-Sport writes in capitals without accents; IBC and CMD368 without accents.
  const plain = team.name.normalize('NFKD').replace(/\p{M}/gu, '');
  if (book === 'csport') return plain.toUpperCase();
  if (book === 'ibc' || book === 'cmd') return plain;
  return team.name;
}
