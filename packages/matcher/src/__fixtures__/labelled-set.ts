// A labelled set of book listings, written by hand for the matcher's tests: six
// books, each spelling teams its own way, kickoffs a few minutes apart, some
// neutral-venue fixtures listed the other way round, and hard negatives scheduled
// at the same time as the fixtures they resemble. Not derived from the alias file.
//
// Each fixture: its sport, league, kickoff (UTC), and one row per book listing it:
// [book, home, away, minutes off the kickoff, 'x' when the book lists it swapped].
import { toListings } from './labelled.js';
import type { Fixture } from './labelled.js';

const SAT = '2026-11-28T';
const SUN = '2026-11-29T';

export const FIXTURES: Fixture[] = [
  // ---- England, Saturday 15:00: look-alike clubs at one time ------------------
  {
    id: 'mun-ful',
    sport: 'soccer',
    league: 'English Premier League',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'MANCHESTER UNITED', 'FULHAM'],
      ['sbo', 'Man Utd', 'Fulham', 5],
      ['bmk', 'Manchester United FC', 'Fulham FC'],
      ['pin', 'Manchester United', 'Fulham'],
      ['b365', 'Man United', 'Fulham'],
      ['asia8', 'Manchester Utd', 'Fulham London', -5],
    ],
  },
  {
    id: 'mci-bur',
    sport: 'soccer',
    league: 'English Premier League',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'MANCHESTER CITY', 'BURNLEY'],
      ['sbo', 'Man City', 'Burnley', 5],
      ['bmk', 'Manchester City FC', 'Burnley FC'],
      ['pin', 'Manchester City', 'Burnley'],
      ['b365', 'Man City', 'Burnley'],
      ['asia8', 'Manchester C.', 'Burnley', -5],
    ],
  },
  {
    id: 'tot-wol',
    sport: 'soccer',
    league: 'English Premier League',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'TOTTENHAM HOTSPUR', 'WOLVERHAMPTON WANDERERS'],
      ['sbo', 'Tottenham', 'Wolves'],
      ['bmk', 'Spurs', 'Wolves'],
      ['pin', 'Tottenham Hotspur', 'Wolverhampton Wanderers'],
      ['asia8', 'Tottenham', 'Wolverhampton', 3],
    ],
  },
  {
    id: 'ars-che',
    sport: 'soccer',
    league: 'English Premier League',
    kickoff: `${SAT}17:30:00Z`,
    rows: [
      ['csport', 'ARSENAL', 'CHELSEA'],
      ['sbo', 'Arsenal', 'Chelsea'],
      ['bmk', 'Arsenal FC', 'Chelsea FC'],
      ['pin', 'Arsenal', 'Chelsea'],
      ['b365', 'Arsenal', 'Chelsea', 2],
      ['asia8', 'Arsenal London', 'Chelsea London'],
    ],
  },
  {
    id: 'arsw-chew',
    sport: 'soccer',
    league: "English Women's Super League",
    kickoff: `${SAT}17:30:00Z`,
    rows: [
      ['csport', 'ARSENAL (W)', 'CHELSEA (W)'],
      ['sbo', 'Arsenal Women', 'Chelsea Women'],
      ['pin', 'Arsenal W', 'Chelsea W'],
      ['b365', 'Arsenal Ladies', 'Chelsea Ladies'],
    ],
  },
  {
    id: 'qpr-hul',
    sport: 'soccer',
    league: 'English Championship',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'QUEENS PARK RANGERS', 'HULL CITY'],
      ['sbo', 'QPR', 'Hull City'],
      ['bmk', 'Queens Park Rangers', 'Hull'],
      ['pin', 'QPR', 'Hull'],
      ['asia8', 'Q.P.R.', 'Hull City AFC', 4],
    ],
  },
  {
    id: 'she-wed',
    sport: 'soccer',
    league: 'English Championship',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'SHEFFIELD UNITED', 'SHEFFIELD WEDNESDAY'],
      ['sbo', 'Sheffield Utd', 'Sheffield Wed'],
      ['pin', 'Sheffield United', 'Sheffield Wednesday'],
      ['b365', 'Sheff Utd', 'Sheff Wed'],
    ],
  },
  {
    id: 'not-bri',
    sport: 'soccer',
    league: 'English Premier League',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'NOTTINGHAM FOREST', 'BRIGHTON & HOVE ALBION'],
      ['sbo', "Nott'm Forest", 'Brighton'],
      ['bmk', 'Nottingham Forest', 'Brighton Hove Albion'],
      ['pin', 'Nottingham Forest', 'Brighton and Hove Albion'],
      ['b365', 'Nottm Forest', 'Brighton'],
    ],
  },
  {
    id: 'fgr-wal',
    sport: 'soccer',
    league: 'English National League',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'FOREST GREEN ROVERS', 'WALSALL'],
      ['pin', 'Forest Green Rovers', 'Walsall'],
      ['b365', 'Forest Green', 'Walsall'],
    ],
  },
  {
    id: 'whu-new',
    sport: 'soccer',
    league: 'English Premier League',
    kickoff: `${SUN}14:00:00Z`,
    rows: [
      ['csport', 'WEST HAM UNITED', 'NEWCASTLE UNITED'],
      ['sbo', 'West Ham', 'Newcastle'],
      ['bmk', 'West Ham Utd', 'Newcastle Utd'],
      ['pin', 'West Ham United', 'Newcastle United'],
      ['b365', 'West Ham', 'Newcastle', -3],
      ['asia8', 'West Ham United FC', 'Newcastle United FC'],
    ],
  },
  {
    id: 'wba-lei',
    sport: 'soccer',
    league: 'English Championship',
    kickoff: `${SUN}14:00:00Z`,
    rows: [
      ['csport', 'WEST BROMWICH ALBION', 'LEICESTER CITY'],
      ['sbo', 'West Brom', 'Leicester'],
      ['pin', 'West Bromwich', 'Leicester City'],
      ['asia8', 'WBA', 'Leicester', 5],
    ],
  },
  {
    id: 'mun-u21',
    sport: 'soccer',
    league: 'Premier League 2',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'MANCHESTER UNITED U21', 'FULHAM U21'],
      ['pin', 'Manchester United U21', 'Fulham U21'],
      ['b365', 'Man Utd U21', 'Fulham U21'],
    ],
  },

  // ---- Scotland: Celtic / Celta, Rangers / QPR ---------------------------------
  {
    id: 'cel-abe',
    sport: 'soccer',
    league: 'Scottish Premiership',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'CELTIC', 'ABERDEEN'],
      ['sbo', 'Celtic', 'Aberdeen'],
      ['bmk', 'Celtic FC', 'Aberdeen FC'],
      ['pin', 'Celtic', 'Aberdeen'],
      ['asia8', 'Celtic Glasgow', 'Aberdeen'],
    ],
  },
  {
    id: 'ran-hea',
    sport: 'soccer',
    league: 'Scottish Premiership',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'RANGERS', 'HEART OF MIDLOTHIAN'],
      ['sbo', 'Rangers', 'Hearts'],
      ['bmk', 'Glasgow Rangers', 'Heart of Midlothian'],
      ['pin', 'Rangers', 'Hearts'],
      ['asia8', 'Rangers FC', 'Hearts', 5],
    ],
  },

  // ---- Spain: Real Madrid / Castilla, Celta, reserves, Athletic ----------------
  {
    id: 'rma-sev',
    sport: 'soccer',
    league: 'Spanish La Liga',
    kickoff: `${SAT}20:00:00Z`,
    rows: [
      ['csport', 'REAL MADRID', 'SEVILLA'],
      ['sbo', 'Real Madrid', 'Sevilla'],
      ['bmk', 'Real Madrid CF', 'Sevilla FC'],
      ['pin', 'Real Madrid', 'Sevilla'],
      ['b365', 'R. Madrid', 'Sevilla', 2],
      ['asia8', 'Real Madrid', 'Seville'],
    ],
  },
  {
    id: 'rmc-sva',
    sport: 'soccer',
    league: 'Spanish Primera Federacion',
    kickoff: `${SAT}20:00:00Z`,
    rows: [
      ['csport', 'REAL MADRID CASTILLA', 'SEVILLA ATLETICO'],
      ['pin', 'Real Madrid Castilla', 'Sevilla Atlético'],
      ['b365', 'Real Madrid B', 'Sevilla Atletico'],
    ],
  },
  {
    id: 'cel-ala',
    sport: 'soccer',
    league: 'Spanish La Liga',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'CELTA VIGO', 'ALAVES'],
      ['sbo', 'Celta de Vigo', 'Deportivo Alavés'],
      ['bmk', 'RC Celta', 'Alaves'],
      ['pin', 'Celta Vigo', 'Alaves'],
      ['asia8', 'Celta', 'Alavés'],
    ],
  },
  {
    id: 'bar-vil',
    sport: 'soccer',
    league: 'Spanish La Liga',
    kickoff: `${SUN}20:00:00Z`,
    rows: [
      ['csport', 'BARCELONA', 'VILLARREAL'],
      ['sbo', 'FC Barcelona', 'Villarreal CF'],
      ['bmk', 'Barça', 'Villarreal'],
      ['pin', 'Barcelona', 'Villarreal'],
      ['b365', 'Barcelona', 'Villarreal', -5],
      ['asia8', 'Barca', 'Villareal'],
    ],
  },
  {
    id: 'barb-vilb',
    sport: 'soccer',
    league: 'Spanish Primera Federacion',
    kickoff: `${SUN}11:00:00Z`,
    rows: [
      ['csport', 'BARCELONA B', 'VILLARREAL B'],
      ['pin', 'Barcelona II', 'Villarreal II'],
      ['b365', 'Barcelona B', 'Villarreal B'],
    ],
  },
  {
    id: 'ath-bet',
    sport: 'soccer',
    league: 'Spanish La Liga',
    kickoff: `${SUN}17:30:00Z`,
    rows: [
      ['csport', 'ATHLETIC BILBAO', 'REAL BETIS'],
      ['sbo', 'Athletic Club', 'Betis'],
      ['bmk', 'Athletic Bilbao', 'Real Betis Balompie'],
      ['pin', 'Athletic Club', 'Real Betis'],
      ['asia8', 'Ath Bilbao', 'Betis', 5],
    ],
  },
  {
    id: 'atm-soc',
    sport: 'soccer',
    league: 'Spanish La Liga',
    kickoff: `${SUN}17:30:00Z`,
    rows: [
      ['csport', 'ATLETICO MADRID', 'REAL SOCIEDAD'],
      ['sbo', 'Atletico de Madrid', 'Real Sociedad'],
      ['bmk', 'Atlético Madrid', 'Sociedad'],
      ['pin', 'Atletico Madrid', 'Real Sociedad'],
      ['b365', 'Atl. Madrid', 'R. Sociedad'],
    ],
  },

  // ---- Italy: Inter / Inter Miami at one time, Milan -----------------------------
  {
    id: 'int-gen',
    sport: 'soccer',
    league: 'Italian Serie A',
    kickoff: `${SAT}19:45:00Z`,
    rows: [
      ['csport', 'INTER MILAN', 'GENOA'],
      ['sbo', 'Inter', 'Genoa'],
      ['bmk', 'FC Internazionale Milano', 'Genoa CFC'],
      ['pin', 'Inter Milan', 'Genoa'],
      ['b365', 'Inter', 'Genoa', 3],
      ['asia8', 'Internazionale', 'Genoa'],
    ],
  },
  {
    id: 'mia-orl',
    sport: 'soccer',
    league: 'USA MLS',
    kickoff: `${SAT}19:45:00Z`,
    rows: [
      ['csport', 'INTER MIAMI CF', 'ORLANDO CITY'],
      ['sbo', 'Inter Miami', 'Orlando City SC'],
      ['pin', 'Inter Miami', 'Orlando City'],
      ['b365', 'Inter Miami CF', 'Orlando'],
    ],
  },
  {
    id: 'mil-laz',
    sport: 'soccer',
    league: 'Italian Serie A',
    kickoff: `${SUN}19:45:00Z`,
    rows: [
      ['csport', 'AC MILAN', 'LAZIO'],
      ['sbo', 'AC Milan', 'SS Lazio'],
      ['bmk', 'Milan', 'Lazio'],
      ['pin', 'AC Milan', 'Lazio'],
      ['b365', 'Milan', 'Lazio Rome', 5],
      ['asia8', 'A.C. Milan', 'S.S. Lazio'],
    ],
  },
  {
    id: 'juv-rom',
    sport: 'soccer',
    league: 'Italian Serie A',
    kickoff: `${SUN}17:00:00Z`,
    rows: [
      ['csport', 'JUVENTUS', 'AS ROMA'],
      ['sbo', 'Juventus', 'Roma'],
      ['bmk', 'Juventus Turin', 'AS Roma'],
      ['pin', 'Juventus', 'Roma'],
      ['asia8', 'Juve', 'A.S. Roma'],
    ],
  },
  {
    id: 'juvp-romp',
    sport: 'soccer',
    league: 'Italian Primavera',
    kickoff: `${SUN}17:00:00Z`,
    rows: [
      ['csport', 'JUVENTUS U19', 'AS ROMA U19'],
      ['pin', 'Juventus U19', 'Roma U19'],
    ],
  },
  {
    id: 'nap-ata',
    sport: 'soccer',
    league: 'Italian Serie A',
    kickoff: `${SAT}17:00:00Z`,
    rows: [
      ['csport', 'NAPOLI', 'ATALANTA'],
      ['sbo', 'SSC Napoli', 'Atalanta BC'],
      ['bmk', 'Napoli', 'Atalanta Bergamo'],
      ['pin', 'Napoli', 'Atalanta'],
      ['b365', 'Napoli', 'Atalanta', 5],
    ],
  },

  // ---- Germany: Bayern and Bayern II, Gladbach, 1. FC ---------------------------
  {
    id: 'bay-aug',
    sport: 'soccer',
    league: 'German Bundesliga',
    kickoff: `${SAT}14:30:00Z`,
    rows: [
      ['csport', 'BAYERN MUNICH', 'AUGSBURG'],
      ['sbo', 'Bayern München', 'FC Augsburg'],
      ['bmk', 'FC Bayern München', 'FC Augsburg'],
      ['pin', 'Bayern Munich', 'Augsburg'],
      ['b365', 'Bayern', 'Augsburg'],
      ['asia8', 'Bayern Muenchen', 'Augsburg', 5],
    ],
  },
  {
    id: 'bay2-aug2',
    sport: 'soccer',
    league: 'German Regionalliga',
    kickoff: `${SAT}14:30:00Z`,
    rows: [
      ['csport', 'BAYERN MUNICH II', 'AUGSBURG II'],
      ['pin', 'Bayern München II', 'FC Augsburg II'],
      ['b365', 'Bayern II', 'Augsburg II'],
    ],
  },
  {
    id: 'bmg-koe',
    sport: 'soccer',
    league: 'German Bundesliga',
    kickoff: `${SAT}14:30:00Z`,
    rows: [
      ['csport', 'BORUSSIA MONCHENGLADBACH', '1. FC KOLN'],
      ['sbo', 'Borussia Mönchengladbach', '1. FC Köln'],
      ['bmk', "Borussia M'gladbach", 'FC Koln'],
      ['pin', 'Mönchengladbach', 'Cologne'],
      ['b365', 'Gladbach', 'Köln'],
      ['asia8', 'B. Monchengladbach', 'FC Cologne'],
    ],
  },
  {
    id: 'bvb-lev',
    sport: 'soccer',
    league: 'German Bundesliga',
    kickoff: `${SAT}17:30:00Z`,
    rows: [
      ['csport', 'BORUSSIA DORTMUND', 'BAYER LEVERKUSEN'],
      ['sbo', 'Dortmund', 'Leverkusen'],
      ['bmk', 'Borussia Dortmund', 'Bayer 04 Leverkusen'],
      ['pin', 'Borussia Dortmund', 'Bayer Leverkusen'],
      ['b365', 'Dortmund', 'Leverkusen', -2],
    ],
  },
  {
    id: 'stp-ham',
    sport: 'soccer',
    league: 'German Bundesliga',
    kickoff: `${SUN}16:30:00Z`,
    rows: [
      ['csport', 'ST. PAULI', 'HAMBURGER SV'],
      ['sbo', 'FC St. Pauli', 'Hamburg'],
      ['pin', 'St Pauli', 'Hamburger SV'],
      ['asia8', 'Sankt Pauli', 'HSV'],
    ],
  },
  {
    id: 'rbl-e-f',
    sport: 'soccer',
    league: 'German Bundesliga',
    kickoff: `${SUN}16:30:00Z`,
    rows: [
      ['csport', 'RB LEIPZIG', 'EINTRACHT FRANKFURT'],
      ['sbo', 'RasenBallsport Leipzig', 'Eintracht Frankfurt'],
      ['bmk', 'Leipzig', 'Frankfurt'],
      ['pin', 'RB Leipzig', 'Eintracht Frankfurt'],
      ['b365', 'RB Leipzig', 'E. Frankfurt'],
    ],
  },

  // ---- France, Portugal, Netherlands: abbreviations ------------------------------
  {
    id: 'psg-om',
    sport: 'soccer',
    league: 'French Ligue 1',
    kickoff: `${SUN}19:45:00Z`,
    rows: [
      ['csport', 'PARIS SAINT GERMAIN', 'MARSEILLE'],
      ['sbo', 'PSG', 'Olympique Marseille'],
      ['bmk', 'Paris SG', 'Marseille'],
      ['pin', 'Paris Saint-Germain', 'Olympique de Marseille'],
      ['b365', 'Paris St Germain', 'Marseille', 5],
      ['asia8', 'PSG', 'OM'],
    ],
  },
  {
    id: 'ol-ste',
    sport: 'soccer',
    league: 'French Ligue 1',
    kickoff: `${SUN}16:00:00Z`,
    rows: [
      ['csport', 'LYON', 'SAINT ETIENNE'],
      ['sbo', 'Olympique Lyonnais', 'Saint-Étienne'],
      ['pin', 'Lyon', 'St Etienne'],
      ['b365', 'Lyon', 'St. Étienne'],
    ],
  },
  {
    id: 'ben-por-1',
    sport: 'soccer',
    league: 'Portuguese Primeira Liga',
    kickoff: `${SUN}20:30:00Z`,
    rows: [
      ['csport', 'BENFICA', 'PORTO'],
      ['sbo', 'SL Benfica', 'FC Porto'],
      ['bmk', 'Benfica Lisbon', 'Porto'],
      ['pin', 'Benfica', 'Porto'],
      ['asia8', 'Benfica', 'FC Porto', 5],
    ],
  },
  {
    id: 'por-ben-2',
    sport: 'soccer',
    league: 'Portuguese Cup',
    kickoff: '2026-12-06T20:30:00Z',
    rows: [
      ['csport', 'PORTO', 'BENFICA'],
      ['sbo', 'FC Porto', 'SL Benfica'],
      ['pin', 'Porto', 'Benfica'],
      ['asia8', 'FC Porto', 'Benfica'],
    ],
  },
  {
    id: 'spo-bra',
    sport: 'soccer',
    league: 'Portuguese Primeira Liga',
    kickoff: `${SAT}18:00:00Z`,
    rows: [
      ['csport', 'SPORTING CP', 'BRAGA'],
      ['sbo', 'Sporting Lisbon', 'SC Braga'],
      ['pin', 'Sporting CP', 'Braga'],
      ['b365', 'Sporting', 'Sporting Braga'],
    ],
  },
  {
    id: 'psv-aja',
    sport: 'soccer',
    league: 'Dutch Eredivisie',
    kickoff: `${SUN}13:30:00Z`,
    rows: [
      ['csport', 'PSV EINDHOVEN', 'AJAX'],
      ['sbo', 'PSV', 'Ajax Amsterdam'],
      ['bmk', 'PSV Eindhoven', 'AFC Ajax'],
      ['pin', 'PSV', 'Ajax'],
      ['asia8', 'PSV Eindhoven', 'Ajax', 5],
    ],
  },
  {
    id: 'jpsv-jaja',
    sport: 'soccer',
    league: 'Dutch Eerste Divisie',
    kickoff: `${SUN}13:30:00Z`,
    rows: [
      ['csport', 'JONG PSV', 'JONG AJAX'],
      ['pin', 'Jong PSV', 'Jong Ajax'],
      ['b365', 'PSV II', 'Ajax II'],
    ],
  },

  // ---- Eastern Europe: transliterations ----------------------------------------
  {
    id: 'rsb-din',
    sport: 'soccer',
    league: 'UEFA Europa League',
    kickoff: `${SAT}17:45:00Z`,
    rows: [
      ['csport', 'RED STAR BELGRADE', 'DINAMO ZAGREB'],
      ['sbo', 'Crvena Zvezda', 'Dinamo Zagreb'],
      ['bmk', 'FK Crvena zvezda', 'GNK Dinamo Zagreb'],
      ['pin', 'Red Star Belgrade', 'Dinamo Zagreb'],
      ['asia8', 'Crvena Zvezda', 'Dinamo Zagreb', 3],
    ],
  },
  {
    id: 'oly-pao',
    sport: 'soccer',
    league: 'Greek Super League',
    kickoff: `${SUN}18:30:00Z`,
    rows: [
      ['csport', 'OLYMPIACOS', 'PANATHINAIKOS'],
      ['sbo', 'Olympiakos Piraeus', 'Panathinaikos'],
      ['pin', 'Olympiacos', 'Panathinaikos Athens'],
      ['b365', 'Olympiakos', 'Panathinaikos'],
    ],
  },
  {
    id: 'fen-bes',
    sport: 'soccer',
    league: 'Turkish Super Lig',
    kickoff: `${SUN}16:00:00Z`,
    rows: [
      ['csport', 'FENERBAHCE', 'BESIKTAS'],
      ['sbo', 'Fenerbahçe', 'Beşiktaş'],
      ['bmk', 'Fenerbahce SK', 'Besiktas JK'],
      ['pin', 'Fenerbahce', 'Besiktas'],
      ['asia8', 'Fenerbahce Istanbul', 'Besiktas Istanbul'],
    ],
  },
  {
    id: 'dyn-sha',
    sport: 'soccer',
    league: 'Ukrainian Premier League',
    kickoff: `${SAT}13:00:00Z`,
    rows: [
      ['csport', 'DYNAMO KYIV', 'SHAKHTAR DONETSK'],
      ['sbo', 'Dynamo Kiev', 'Shakhtar Donetsk'],
      ['pin', 'Dinamo Kiev', 'Shakhtar'],
      ['b365', 'Dynamo Kyiv', 'Shakhtar Donetsk', 5],
    ],
  },
  {
    id: 'spa-sla',
    sport: 'soccer',
    league: 'Czech First League',
    kickoff: `${SUN}15:00:00Z`,
    rows: [
      ['csport', 'SPARTA PRAGUE', 'SLAVIA PRAGUE'],
      ['sbo', 'Sparta Praha', 'Slavia Praha'],
      ['pin', 'AC Sparta Prague', 'SK Slavia Prague'],
    ],
  },
  {
    id: 'bod-mal',
    sport: 'soccer',
    league: 'UEFA Europa League',
    kickoff: `${SAT}17:45:00Z`,
    rows: [
      ['csport', 'BODO/GLIMT', 'MALMO FF'],
      ['sbo', 'Bodø/Glimt', 'Malmö FF'],
      ['pin', 'Bodo Glimt', 'Malmo'],
      ['asia8', 'FK Bodo/Glimt', 'Malmo'],
    ],
  },

  // ---- Internationals at neutral venues: swapped listings ------------------------
  {
    id: 'bra-arg',
    sport: 'soccer',
    league: 'International Friendly',
    kickoff: `${SAT}22:00:00Z`,
    rows: [
      ['csport', 'BRAZIL (N)', 'ARGENTINA'],
      ['sbo', 'Argentina', 'Brazil', 0, 'x'],
      ['pin', 'Brazil', 'Argentina'],
      ['b365', 'Argentina (N)', 'Brazil', 5, 'x'],
      ['asia8', 'Brasil', 'Argentina'],
    ],
  },
  {
    id: 'eng-fra-u21',
    sport: 'soccer',
    league: 'U21 International Friendly',
    kickoff: `${SAT}19:00:00Z`,
    rows: [
      ['csport', 'ENGLAND U21', 'FRANCE U21'],
      ['sbo', 'England U21', 'France U21'],
      ['pin', 'France U21 (N)', 'England U21', 0, 'x'],
    ],
  },
  {
    id: 'eng-fra',
    sport: 'soccer',
    league: 'International Friendly',
    kickoff: `${SAT}19:00:00Z`,
    rows: [
      ['csport', 'ENGLAND', 'FRANCE'],
      ['sbo', 'England', 'France'],
      ['bmk', 'England', 'France'],
      ['pin', 'England', 'France'],
    ],
  },
  {
    id: 'mex-usa',
    sport: 'soccer',
    league: 'International Friendly',
    kickoff: `${SUN}02:00:00Z`,
    rows: [
      ['csport', 'MEXICO', 'USA'],
      ['sbo', 'Mexico', 'United States'],
      ['pin', 'USA', 'Mexico', 0, 'x'],
      ['b365', 'Mexico', 'USA', 5],
    ],
  },

  // ---- MLS, basketball, ice hockey ---------------------------------------------
  {
    id: 'lag-lafc',
    sport: 'soccer',
    league: 'USA MLS',
    kickoff: `${SUN}03:30:00Z`,
    rows: [
      ['csport', 'LA GALAXY', 'LOS ANGELES FC'],
      ['sbo', 'Los Angeles Galaxy', 'LAFC'],
      ['pin', 'LA Galaxy', 'Los Angeles FC'],
      ['b365', 'LA Galaxy', 'LAFC', 5],
    ],
  },
  {
    id: 'nyc-nyr',
    sport: 'soccer',
    league: 'USA MLS',
    kickoff: `${SUN}00:30:00Z`,
    rows: [
      ['csport', 'NEW YORK CITY FC', 'NEW YORK RED BULLS'],
      ['sbo', 'NYCFC', 'NY Red Bulls'],
      ['pin', 'New York City', 'New York Red Bulls'],
      ['b365', 'NY City FC', 'NY Red Bulls'],
    ],
  },
  {
    id: 'lal-bos',
    sport: 'basketball',
    league: 'NBA',
    kickoff: `${SUN}01:30:00Z`,
    rows: [
      ['csport', 'LOS ANGELES LAKERS', 'BOSTON CELTICS'],
      ['sbo', 'LA Lakers', 'Boston Celtics'],
      ['bmk', 'L.A. Lakers', 'Boston'],
      ['pin', 'Los Angeles Lakers', 'Boston Celtics'],
      ['b365', 'LA Lakers', 'Celtics', 5],
    ],
  },
  {
    id: 'lac-den',
    sport: 'basketball',
    league: 'NBA',
    kickoff: `${SUN}01:30:00Z`,
    rows: [
      ['csport', 'LOS ANGELES CLIPPERS', 'DENVER NUGGETS'],
      ['sbo', 'LA Clippers', 'Denver Nuggets'],
      ['bmk', 'L.A. Clippers', 'Denver'],
      ['pin', 'Los Angeles Clippers', 'Denver Nuggets'],
    ],
  },
  {
    id: 'gsw-phi',
    sport: 'basketball',
    league: 'NBA',
    kickoff: `${SUN}03:00:00Z`,
    rows: [
      ['csport', 'GOLDEN STATE WARRIORS', 'PHILADELPHIA 76ERS'],
      ['sbo', 'Golden State', 'Philadelphia'],
      ['pin', 'Golden State Warriors', 'Philadelphia 76ers'],
      ['b365', 'GS Warriors', 'Philadelphia Sixers'],
    ],
  },
  {
    id: 'rma-bas',
    sport: 'basketball',
    league: 'Euroleague',
    kickoff: `${SAT}20:00:00Z`,
    rows: [
      ['csport', 'REAL MADRID', 'BASKONIA'],
      ['sbo', 'Real Madrid Baloncesto', 'Baskonia Vitoria'],
      ['pin', 'Real Madrid', 'Saski Baskonia'],
    ],
  },
  {
    id: 'nyr-bos',
    sport: 'ice-hockey',
    league: 'NHL',
    kickoff: `${SUN}00:00:00Z`,
    rows: [
      ['csport', 'NEW YORK RANGERS', 'BOSTON BRUINS'],
      ['sbo', 'NY Rangers', 'Boston Bruins'],
      ['pin', 'New York Rangers', 'Boston Bruins'],
      ['b365', 'NY Rangers', 'Boston', 5],
    ],
  },
  {
    id: 'nyi-tor',
    sport: 'ice-hockey',
    league: 'NHL',
    kickoff: `${SUN}00:00:00Z`,
    rows: [
      ['csport', 'NEW YORK ISLANDERS', 'TORONTO MAPLE LEAFS'],
      ['sbo', 'NY Islanders', 'Toronto Maple Leafs'],
      ['pin', 'New York Islanders', 'Toronto'],
      ['b365', 'NY Islanders', 'Toronto Maple Leafs'],
    ],
  },

  // ---- Tennis: surname and initials, siblings, doubles ---------------------------
  {
    id: 'djo-alc',
    sport: 'tennis',
    league: 'ATP Finals',
    kickoff: `${SAT}14:00:00Z`,
    rows: [
      ['csport', 'DJOKOVIC N.', 'ALCARAZ C.'],
      ['sbo', 'Novak Djokovic', 'Carlos Alcaraz'],
      ['bmk', 'N. Djokovic', 'C. Alcaraz'],
      ['pin', 'Djokovic, Novak', 'Alcaraz, Carlos'],
      ['b365', 'Novak Djokovic', 'Carlos Alcaraz Garfia', 5],
    ],
  },
  {
    id: 'sin-zve',
    sport: 'tennis',
    league: 'ATP Finals',
    kickoff: `${SAT}19:00:00Z`,
    rows: [
      ['csport', 'SINNER J.', 'ZVEREV A.'],
      ['sbo', 'Jannik Sinner', 'Alexander Zverev'],
      ['pin', 'Sinner, Jannik', 'Zverev, Alexander'],
      ['b365', 'J. Sinner', 'A. Zverev'],
    ],
  },
  {
    id: 'zvm-rub',
    sport: 'tennis',
    league: 'ATP Challenger',
    kickoff: `${SAT}19:00:00Z`,
    rows: [
      ['csport', 'ZVEREV M.', 'RUBLEV A.'],
      ['pin', 'Mischa Zverev', 'Andrey Rublev'],
      ['b365', 'M. Zverev', 'A. Rublev'],
    ],
  },
  {
    id: 'wis-osa',
    sport: 'tennis',
    league: 'WTA Exhibition',
    kickoff: `${SUN}18:00:00Z`,
    rows: [
      ['csport', 'WILLIAMS S.', 'OSAKA N.'],
      ['sbo', 'Serena Williams', 'Naomi Osaka'],
      ['pin', 'Williams, Serena', 'Osaka, Naomi'],
    ],
  },
  {
    id: 'wiv-hal',
    sport: 'tennis',
    league: 'WTA Exhibition',
    kickoff: `${SUN}18:00:00Z`,
    rows: [
      ['csport', 'WILLIAMS V.', 'HALEP S.'],
      ['sbo', 'Venus Williams', 'Simona Halep'],
      ['pin', 'Williams, Venus', 'Halep, Simona'],
    ],
  },
  {
    id: 'dbl-1',
    sport: 'tennis',
    league: 'ATP Finals Doubles',
    kickoff: `${SUN}12:00:00Z`,
    rows: [
      ['csport', 'GRANOLLERS M. / ZEBALLOS H.', 'KRAWIETZ K. / PUETZ T.'],
      ['sbo', 'Granollers/Zeballos', 'Krawietz/Puetz'],
      ['pin', 'Marcel Granollers / Horacio Zeballos', 'Kevin Krawietz / Tim Puetz'],
    ],
  },
  {
    id: 'med-ruu',
    sport: 'tennis',
    league: 'ATP Finals',
    kickoff: `${SUN}14:00:00Z`,
    rows: [
      ['csport', 'MEDVEDEV D.', 'RUUD C.'],
      ['sbo', 'Daniil Medvedev', 'Casper Ruud'],
      ['bmk', 'D. Medvedev', 'C. Ruud'],
      ['pin', 'Medvedev, Daniil', 'Ruud, Casper'],
      ['b365', 'Daniil Medvedev', 'Casper Ruud', 5],
      ['asia8', 'Medvedev D', 'Ruud C'],
    ],
  },

  // ---- Lower leagues and one-book listings ---------------------------------------
  {
    id: 'wre-sto',
    sport: 'soccer',
    league: 'English League One',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'WREXHAM', 'STOCKPORT COUNTY'],
      ['sbo', 'Wrexham AFC', 'Stockport'],
      ['pin', 'Wrexham', 'Stockport County'],
      ['b365', 'Wrexham', 'Stockport Co'],
    ],
  },
  {
    id: 'plm-ptv',
    sport: 'soccer',
    league: 'English League One',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'PLYMOUTH ARGYLE', 'PORT VALE'],
      ['pin', 'Plymouth', 'Port Vale'],
      ['b365', 'Plymouth Argyle', 'Port Vale FC'],
    ],
  },
  {
    id: 'hib-mot',
    sport: 'soccer',
    league: 'Scottish Premiership',
    kickoff: `${SAT}15:00:00Z`,
    rows: [
      ['csport', 'HIBERNIAN', 'MOTHERWELL'],
      ['sbo', 'Hibernian', 'Motherwell'],
      ['pin', 'Hibernian FC', 'Motherwell FC'],
      ['asia8', 'Hibs', 'Motherwell'],
    ],
  },
  {
    id: 'ast-vil',
    sport: 'soccer',
    league: 'English Premier League',
    kickoff: `${SUN}16:30:00Z`,
    rows: [
      ['csport', 'ASTON VILLA', 'EVERTON'],
      ['sbo', 'Aston Villa', 'Everton'],
      ['bmk', 'Aston Villa FC', 'Everton FC'],
      ['pin', 'Aston Villa', 'Everton'],
      ['b365', 'A. Villa', 'Everton', 5],
    ],
  },
  {
    id: 'vil-get',
    sport: 'soccer',
    league: 'Spanish La Liga',
    kickoff: `${SUN}16:30:00Z`,
    rows: [
      ['csport', 'VILLARREAL', 'GETAFE'],
      ['pin', 'Villarreal', 'Getafe CF'],
    ],
  },
  {
    id: 'sol-1',
    sport: 'soccer',
    league: 'Finnish Cup',
    kickoff: `${SAT}12:00:00Z`,
    rows: [['csport', 'FC INTER TURKU', 'HJK HELSINKI']],
  },
  {
    id: 'sol-2',
    sport: 'soccer',
    league: 'Azerbaijan Premier League',
    kickoff: `${SAT}12:00:00Z`,
    rows: [['pin', 'Inter Baku', 'Neftchi Baku']],
  },
];

/** The listings of the set, with the fixture each belongs to and whether it is listed swapped. */
export function labelledListings() {
  return toListings(FIXTURES, leagueAt);
}

/** Books write league names their own way. */
function leagueAt(book: string, league: string): string {
  if (book === 'csport') return league.toUpperCase();
  if (book === 'sbo') return league.replace(/^(\S+) /, '$1 - ');
  if (book === 'b365') return `${league} 26/27`;
  return league;
}
