/**
 * Names and places of the `demo:big` network: French-looking, with the
 * diversity of the people who sit French exams (Maghreb, West and Central
 * Africa, Portugal, Latin America, Asia...).
 */
import type { Random } from '#database/demo_big/random'

/** A list written as comma-separated text (names may hold spaces and apostrophes). */
function list(text: string) {
  return text.split(',').map((item) => item.trim())
}

const FEMALE_FR = list(`
  Camille, Léa, Manon, Chloé, Emma, Inès, Sarah, Julie, Laura, Marie, Clara, Anaïs, Océane,
  Mathilde, Pauline, Lucie, Élodie, Charlotte, Juliette, Margaux, Zoé, Louise, Alice, Jeanne,
  Céline, Nathalie, Isabelle, Sophie, Sandrine, Valérie, Aurélie, Émilie, Hélène, Agnès,
  Béatrice, Gaëlle, Noémie, Maëlle, Éloïse, Solène
`)
const MALE_FR = list(`
  Lucas, Hugo, Louis, Nathan, Thomas, Théo, Enzo, Maxime, Antoine, Julien, Nicolas, Alexandre,
  Quentin, Romain, Clément, Paul, Arthur, Baptiste, Mathis, Gabriel, Jules, Raphaël, Léo,
  Adrien, Benoît, Cédric, Damien, Étienne, François, Guillaume, Jérôme, Laurent, Mickaël,
  Olivier, Pierre, Sébastien, Stéphane, Vincent, Yann, Jean-Baptiste
`)
const FEMALE_WORLD = list(`
  Fatima, Amina, Khadija, Yasmine, Nour, Salma, Leïla, Meriem, Samira, Awa, Aminata, Fatou,
  Mariama, Aïcha, Grace, Esther, Ana, Beatriz, Mariana, Lucía, Valentina, Sofía, Mei, Lin,
  Thi Hoa, Anh, Olena, Natalia, Zeynep, Elif, Priya, Shirin, Rania, Nadia, Ghita
`)
const MALE_WORLD = list(`
  Mohamed, Youssef, Karim, Mehdi, Rachid, Amine, Omar, Bilal, Hamza, Ibrahima, Moussa, Mamadou,
  Ousmane, Cheikh, Abdoulaye, Jean-Pierre, Emmanuel, João, Pedro, Diego, Carlos, Mateo, Wei,
  Jun, Minh, Duc, Andriy, Dmytro, Mehmet, Emre, Arjun, Reza, Samir, Walid, Tarek
`)
const LAST_FR = list(`
  Martin, Bernard, Thomas, Petit, Robert, Richard, Durand, Dubois, Moreau, Laurent, Simon,
  Michel, Lefèvre, Leroy, Roux, David, Bertrand, Morel, Fournier, Girard, Bonnet, Dupont,
  Lambert, Fontaine, Rousseau, Vincent, Muller, Lefebvre, Faure, André, Mercier, Blanc, Guérin,
  Boyer, Garnier, Chevalier, François, Legrand, Gauthier, Garcia, Perrin, Robin, Clément,
  Morin, Nicolas, Henry, Roussel, Mathieu, Gautier, Masson, Marchand, Duval, Denis, Dumont,
  Marie, Lemaire, Noël, Meyer, Dufour, Meunier, Brun, Blanchard, Giraud, Joly, Rivière, Lucas,
  Brunet, Gaillard, Barbier, Arnaud, Martinez, Gérard, Roche, Renard, Schmitt, Roy, Leroux,
  Colin, Vidal, Caron, Picard, Roger, Fabre, Aubert, Lemoine, Renaud, Dumas, Lacroix, Olivier,
  Philippe, Bourgeois, Pierre, Benoît, Rey, Leclerc, Payet, Rolland, Leclercq, Guillaume,
  Lecomte, N'Guyen, Le Gall, Le Goff, De Sousa, Saint-Martin
`)
const LAST_WORLD = list(`
  Benali, El Amrani, Haddad, Bouiri, Benkirane, Cherif, Bensaïd, Mansouri, Belkacem, Ziani,
  Diallo, Traoré, Koné, Diop, Ndiaye, Sow, Camara, Coulibaly, Mbappé, Kabila, Mukendi, Silva,
  Santos, Ferreira, Pereira, Oliveira, Costa, Rodríguez, González, López, Hernández, Nguyen,
  Tran, Le, Pham, Wang, Li, Zhang, Chen, Kowalski, Shevchenko, Yılmaz, Kaya, Sharma, Hosseini,
  Ahmadi, Jean-Louis, Pierre-Louis, Joseph, Saint-Fleur
`)

export type Sex = 'F' | 'H'

/** A first and last name; three in ten from outside France. */
export function personName(random: Random, sex: Sex) {
  const world = random.chance(0.3)
  const firstNames = sex === 'F' ? (world ? FEMALE_WORLD : FEMALE_FR) : world ? MALE_WORLD : MALE_FR
  const lastNames = world && random.chance(0.85) ? LAST_WORLD : LAST_FR
  let lastName = random.pick(lastNames)
  if (random.chance(0.03)) lastName = `${lastName}-${random.pick(LAST_FR)}`
  return { firstName: random.pick(firstNames), lastName, world }
}

/** Lower-case ASCII for e-mail addresses: "Éloïse N'Diaye" → "eloise.ndiaye". */
export function slug(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

export interface City {
  name: string
  postcode: string
  country: string
  zone: string
  weight: number
}

/** Where the centres are: mostly France, and the francophone world. */
export const CITIES: City[] = [
  { name: 'Paris', postcode: '75011', country: 'FR', zone: 'Europe/Paris', weight: 14 },
  { name: 'Lyon', postcode: '69003', country: 'FR', zone: 'Europe/Paris', weight: 6 },
  { name: 'Marseille', postcode: '13006', country: 'FR', zone: 'Europe/Paris', weight: 6 },
  { name: 'Toulouse', postcode: '31000', country: 'FR', zone: 'Europe/Paris', weight: 4 },
  { name: 'Nice', postcode: '06000', country: 'FR', zone: 'Europe/Paris', weight: 3 },
  { name: 'Nantes', postcode: '44000', country: 'FR', zone: 'Europe/Paris', weight: 3 },
  { name: 'Strasbourg', postcode: '67000', country: 'FR', zone: 'Europe/Paris', weight: 3 },
  { name: 'Montpellier', postcode: '34000', country: 'FR', zone: 'Europe/Paris', weight: 3 },
  { name: 'Bordeaux', postcode: '33000', country: 'FR', zone: 'Europe/Paris', weight: 3 },
  { name: 'Lille', postcode: '59000', country: 'FR', zone: 'Europe/Paris', weight: 3 },
  { name: 'Rennes', postcode: '35000', country: 'FR', zone: 'Europe/Paris', weight: 2 },
  { name: 'Reims', postcode: '51100', country: 'FR', zone: 'Europe/Paris', weight: 1 },
  { name: 'Grenoble', postcode: '38000', country: 'FR', zone: 'Europe/Paris', weight: 2 },
  { name: 'Dijon', postcode: '21000', country: 'FR', zone: 'Europe/Paris', weight: 1 },
  { name: 'Angers', postcode: '49000', country: 'FR', zone: 'Europe/Paris', weight: 1 },
  { name: 'Clermont-Ferrand', postcode: '63000', country: 'FR', zone: 'Europe/Paris', weight: 1 },
  { name: 'Le Havre', postcode: '76600', country: 'FR', zone: 'Europe/Paris', weight: 1 },
  { name: 'Saint-Étienne', postcode: '42000', country: 'FR', zone: 'Europe/Paris', weight: 1 },
  { name: 'Tours', postcode: '37000', country: 'FR', zone: 'Europe/Paris', weight: 1 },
  { name: 'Limoges', postcode: '87000', country: 'FR', zone: 'Europe/Paris', weight: 1 },
  { name: 'Metz', postcode: '57000', country: 'FR', zone: 'Europe/Paris', weight: 1 },
  { name: 'Rouen', postcode: '76000', country: 'FR', zone: 'Europe/Paris', weight: 1 },
  { name: 'Perpignan', postcode: '66000', country: 'FR', zone: 'Europe/Paris', weight: 1 },
  { name: 'Saint-Denis', postcode: '97400', country: 'RE', zone: 'Indian/Reunion', weight: 1 },
  { name: 'Bruxelles', postcode: '1000', country: 'BE', zone: 'Europe/Brussels', weight: 2 },
  { name: 'Genève', postcode: '1201', country: 'CH', zone: 'Europe/Zurich', weight: 1 },
  { name: 'Montréal', postcode: 'H2X 1Y4', country: 'CA', zone: 'America/Toronto', weight: 4 },
  { name: 'Québec', postcode: 'G1R 4P5', country: 'CA', zone: 'America/Toronto', weight: 2 },
  { name: 'Toronto', postcode: 'M5V 2T6', country: 'CA', zone: 'America/Toronto', weight: 2 },
  { name: 'Ottawa', postcode: 'K1P 5G4', country: 'CA', zone: 'America/Toronto', weight: 1 },
  { name: 'Vancouver', postcode: 'V6B 1A1', country: 'CA', zone: 'America/Vancouver', weight: 1 },
  { name: 'Casablanca', postcode: '20000', country: 'MA', zone: 'Africa/Casablanca', weight: 3 },
  { name: 'Rabat', postcode: '10000', country: 'MA', zone: 'Africa/Casablanca', weight: 2 },
  { name: 'Alger', postcode: '16000', country: 'DZ', zone: 'Africa/Algiers', weight: 2 },
  { name: 'Tunis', postcode: '1000', country: 'TN', zone: 'Africa/Tunis', weight: 2 },
  { name: 'Dakar', postcode: '10200', country: 'SN', zone: 'Africa/Dakar', weight: 2 },
  { name: 'Abidjan', postcode: '01 BP 1', country: 'CI', zone: 'Africa/Abidjan', weight: 1 },
  { name: 'Douala', postcode: 'BP 1234', country: 'CM', zone: 'Africa/Douala', weight: 1 },
  { name: 'Beyrouth', postcode: '1107', country: 'LB', zone: 'Asia/Beirut', weight: 1 },
  {
    name: 'Port-au-Prince',
    postcode: 'HT6110',
    country: 'HT',
    zone: 'America/Port-au-Prince',
    weight: 1,
  },
]

const STREETS = list(`
  rue de la République, avenue Jean-Jaurès, boulevard Victor-Hugo, rue Pasteur,
  place de la Gare, rue du Commerce, avenue de la Liberté, rue des Écoles, boulevard Gambetta,
  rue Voltaire, quai des Célestins, rue Sainte-Catherine, allée des Tilleuls,
  rue du Général-Leclerc, cours Lafayette
`)

export function streetAddress(random: Random) {
  return `${random.int(1, 180)} ${random.pick(STREETS)}`
}

const CENTRE_PATTERNS: Record<'exam' | 'training' | 'both', string[]> = {
  exam: [
    'Alliance française de {city}',
    'Institut de langues de {city}',
    'CCI {city} Formation',
    'Centre de langues {city} {part}',
    'Maison des langues de {city}',
    'Université de {city} — Centre de français',
    'Espace Langues {city}',
  ],
  training: [
    'Lycée {person} — BTS Communication',
    'Campus {part} de {city}',
    'Lycée professionnel {person}',
    'CFA {city} {part}',
  ],
  both: [
    'GRETA {city} {part}',
    'Institut {person} de {city}',
    'École de commerce de {city}',
    'Campus des langues de {city}',
  ],
}
const PARTS = list('Centre, Nord, Sud, Est, Ouest, Gare, Confluence, Rive gauche')
const PEOPLE = list(`
  Jules-Verne, Victor-Hugo, Marie-Curie, Jean-Moulin, Simone-Veil, Albert-Camus, Louise-Michel,
  Léopold-Sédar-Senghor, Aimé-Césaire, Colette
`)

export function centreName(random: Random, kind: 'exam' | 'training' | 'both', city: string) {
  return random
    .pick(CENTRE_PATTERNS[kind])
    .replace('{city}', city)
    .replace('{part}', random.pick(PARTS))
    .replace('{person}', random.pick(PEOPLE))
}

export const ROOMS = [
  'Salle 1',
  'Salle 2',
  'Salle 3',
  'Amphithéâtre',
  'Salle informatique',
  'Salle B12',
]

export const TOWNS_OF_BIRTH: [string, string, string][] = [
  ['Paris', '75014', 'FR'],
  ['Lyon', '69002', 'FR'],
  ['Marseille', '13001', 'FR'],
  ['Casablanca', '', 'MA'],
  ['Alger', '', 'DZ'],
  ['Tunis', '', 'TN'],
  ['Dakar', '', 'SN'],
  ['Abidjan', '', 'CI'],
  ['Kinshasa', '', 'CD'],
  ['Porto', '', 'PT'],
  ['Bogotá', '', 'CO'],
  ['Hanoï', '', 'VN'],
  ['Kyiv', '', 'UA'],
  ['Istanbul', '', 'TR'],
  ['Téhéran', '', 'IR'],
  ['Port-au-Prince', '', 'HT'],
  ['Beyrouth', '', 'LB'],
]

export const EVALUATION_TITLES = [
  'Oral : plan de communication',
  'Étude de cas : lancement produit',
  'Négociation simulée avec un annonceur',
  'Veille concurrentielle — restitution',
  'Présentation d’une campagne',
  'Rédaction d’un brief créatif',
  'Entretien de suivi client',
  'Analyse d’une demande annonceur',
]
