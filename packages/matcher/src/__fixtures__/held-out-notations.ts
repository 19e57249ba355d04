// A third labelled set, written after this rules and never used to tune them:
// identity markers in the notations European books use, with women's, youth and
// reserve sides at the same kickoff as their first team; names in other alphabets and
// romanizations; exonyms; sponsor and abbreviated names only anchor evidence can place;
// tennis names in either order and hyphenated doubles; country tags apart.
import { toListings } from './labelled.js';
import type { Fixture } from './labelled.js';

const D = '2026-12-12T';

export const HELD_OUT_NOTATIONS: Fixture[] = [
  {
    id: 'lyo-psg',
    sport: 'soccer',
    league: 'France Ligue 1',
    kickoff: `${D}20:00:00Z`,
    rows: [
      ['csport', 'OLYMPIQUE LYONNAIS', 'PARIS SAINT GERMAIN'],
      ['sbo', 'Lyon', 'PSG'],
      ['pin', 'Olympique Lyon', 'Paris Saint-Germain'],
      ['bwin', 'OL Lyon', 'Paris SG', 2],
    ],
  },
  {
    id: 'lyo-psg-w',
    sport: 'soccer',
    league: 'France D1 Arkema',
    kickoff: `${D}20:00:00Z`,
    rows: [
      ['csport', 'OLYMPIQUE LYONNAIS (W)', 'PARIS SAINT GERMAIN (W)'],
      ['sbo', 'Lyon F.', 'PSG F.'],
      ['pin', 'Olympique Lyon Women', 'Paris Saint-Germain Women'],
      ['bwin', 'OL Lyon Féminines', 'Paris SG Féminines'],
      ['b365', 'Lyon Dames', 'PSG Dames'],
    ],
  },
  {
    id: 'esp-ita',
    sport: 'soccer',
    league: 'Internationals',
    kickoff: `${D}18:00:00Z`,
    rows: [
      ['csport', 'SPAIN', 'ITALY'],
      ['sbo', 'Spain', 'Italy'],
      ['pin', 'Spain', 'Italy'],
    ],
  },
  {
    id: 'esp-ita-21',
    sport: 'soccer',
    league: 'UEFA U21 Championship',
    kickoff: `${D}18:00:00Z`,
    rows: [
      ['csport', 'SPAIN U21', 'ITALY U21'],
      ['sbo', 'Spain -21', 'Italy -21'],
      ['pin', 'Spain (U21)', 'Italy (U21)'],
      ['bwin', 'Spain (21)', 'Italy (21)'],
      ['b365', 'Spain U-21', 'Italy U-21'],
    ],
  },
  {
    id: 'esp-ita-23',
    sport: 'soccer',
    league: 'U23 Friendlies',
    kickoff: `${D}18:00:00Z`,
    rows: [
      ['sbo', 'Spain -23', 'Italy -23'],
      ['pin', 'Spain U23', 'Italy U23'],
    ],
  },
  {
    id: 'aja-psv',
    sport: 'soccer',
    league: 'Netherlands Eredivisie',
    kickoff: `${D}14:30:00Z`,
    rows: [
      ['csport', 'AJAX', 'PSV'],
      ['sbo', 'Ajax Amsterdam', 'PSV Eindhoven'],
      ['pin', 'Ajax', 'PSV Eindhoven'],
    ],
  },
  {
    id: 'aja-psv-r',
    sport: 'soccer',
    league: 'Netherlands Eerste Divisie',
    kickoff: `${D}14:30:00Z`,
    rows: [
      ['csport', 'JONG AJAX', 'JONG PSV'],
      ['sbo', 'Ajax Amsterdam II', 'PSV Eindhoven II'],
      ['pin', 'Ajax (R)', 'PSV (R)'],
      ['bwin', 'Ajax B', 'PSV B'],
    ],
  },
  {
    id: 'jeo-uls',
    sport: 'soccer',
    league: 'Korea K League 1',
    kickoff: `${D}07:00:00Z`,
    rows: [
      ['csport', 'JEONBUK HYUNDAI MOTORS', 'ULSAN HD'],
      ['sbo', 'Chonbuk Hyundai Motors', 'Ulsan HD FC'],
      ['pin', 'Jeonbuk Motors', 'Ulsan HD'],
      ['asia8', '전북 현대 모터스', '울산 HD'],
    ],
  },
  {
    id: 'zve-par',
    sport: 'soccer',
    league: 'Serbia Super Liga',
    kickoff: `${D}17:00:00Z`,
    rows: [
      ['csport', 'CRVENA ZVEZDA', 'PARTIZAN'],
      ['sbo', 'Red Star Belgrade', 'Partizan Belgrade'],
      ['pin', 'Crvena Zvezda', 'FK Partizan'],
      ['bwin', 'Црвена звезда', 'Партизан'],
    ],
  },
  {
    id: 'cuk-voj',
    sport: 'soccer',
    league: 'Serbia Super Liga',
    kickoff: `${D}15:00:00Z`,
    rows: [
      ['csport', 'CUKARICKI', 'VOJVODINA'],
      ['sbo', 'FK Čukarički', 'FK Vojvodina'],
      ['pin', 'Chukarichki', 'Vojvodina Novi Sad'],
    ],
  },
  {
    id: 'bas-fen',
    sport: 'soccer',
    league: 'Turkey Super Lig',
    kickoff: `${D}16:00:00Z`,
    rows: [
      ['csport', 'ISTANBUL BASAKSEHIR', 'FENERBAHCE'],
      ['sbo', 'Başakşehir', 'Fenerbahçe'],
      ['pin', 'Istanbul Basaksehir FK', 'Fenerbahce SK'],
      ['b365', 'Rams Basaksehir', 'Fenerbahce'],
    ],
  },
  {
    id: 'han-hag',
    sport: 'soccer',
    league: 'Vietnam V League 1',
    kickoff: `${D}12:00:00Z`,
    rows: [
      ['csport', 'HA NOI FC', 'HOANG ANH GIA LAI'],
      ['sbo', 'Hà Nội', 'Hoàng Anh Gia Lai'],
      ['pin', 'Hanoi FC', 'Hoang Anh Gia Lai'],
      ['asia8', 'Ha Noi', 'LPBank HAGL'],
    ],
  },
  {
    id: 'sev-kol',
    sport: 'soccer',
    league: 'UEFA Europa League',
    kickoff: `${D}20:00:00Z`,
    rows: [
      ['csport', 'SEVILLA', 'FC KOLN'],
      ['bwin', 'FC Séville', 'FC Cologne'],
      ['pin', 'Sevilla FC', '1. FC Köln'],
      ['b365', 'Sevilla', 'Koeln'],
    ],
  },
  {
    id: 'uca-col',
    sport: 'soccer',
    league: 'Copa Libertadores',
    kickoff: `${D}23:00:00Z`,
    rows: [
      ['csport', 'UNIVERSIDAD CATOLICA (CHI)', 'COLO COLO'],
      ['sbo', 'Universidad Católica (Chile)', 'Colo-Colo'],
      ['pin', 'U. Catolica (CHL)', 'CSD Colo Colo'],
    ],
  },
  {
    id: 'uca-bar',
    sport: 'soccer',
    league: 'Copa Libertadores',
    kickoff: `${D}23:00:00Z`,
    rows: [
      ['csport', 'UNIVERSIDAD CATOLICA (ECU)', 'BARCELONA SC'],
      ['sbo', 'Universidad Católica (Ecuador)', 'Barcelona Guayaquil'],
    ],
  },
  {
    id: 'zhe-wan',
    sport: 'tennis',
    league: 'WTA Wuhan',
    kickoff: `${D}06:00:00Z`,
    rows: [
      ['csport', 'ZHENG Q.', 'WANG X.'],
      ['sbo', 'Qinwen Zheng', 'Xinyu Wang'],
      ['pin', 'Zheng Qinwen', 'Wang Xinyu'],
      ['asia8', 'Q. Zheng', 'X. Wang'],
    ],
  },
  {
    id: 'dbl',
    sport: 'tennis',
    league: 'ATP Paris Doubles',
    kickoff: `${D}10:00:00Z`,
    rows: [
      ['csport', 'A.KRAJICEK-M.PURCELL', 'R.RAM-J.SALISBURY'],
      ['sbo', 'Krajicek A / Purcell M', 'Ram R / Salisbury J'],
      ['pin', 'Austin Krajicek / Max Purcell', 'Rajeev Ram / Joe Salisbury'],
    ],
  },
  {
    id: 'cor-ruu',
    sport: 'tennis',
    league: 'ATP Basel',
    kickoff: `${D}11:00:00Z`,
    rows: [
      ['csport', 'CORIC B.', 'RUUD C.'],
      ['sbo', 'Borna Coric', 'Casper Ruud'],
      ['pin', 'Coric B. (CRO)', 'Ruud C. (NOR)'],
    ],
  },
];

export function heldOutNotationListings() {
  return toListings(HELD_OUT_NOTATIONS, (book, league) =>
    book === 'csport' ? league.toUpperCase() : league,
  );
}
