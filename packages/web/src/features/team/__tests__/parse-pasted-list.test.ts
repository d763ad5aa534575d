import { guessNamesFromEmail, splitDisplayName } from '../utils/names';
import { parsePastedList } from '../utils/parse-pasted-list';

describe('parsePastedList', () => {
  it('reads one address per line, or separated by commas or semicolons', () => {
    const text = 'lea.moreau@exemple.fr\nhugo.bernard@exemple.fr, ines.petit@exemple.fr; jdupont@exemple.fr\n\n';
    expect(parsePastedList(text).map((entry) => entry.email)).toEqual([
      'lea.moreau@exemple.fr',
      'hugo.bernard@exemple.fr',
      'ines.petit@exemple.fr',
      'jdupont@exemple.fr',
    ]);
  });

  it('guesses the names from prenom.nom@, and leaves them empty otherwise', () => {
    const [lea, jean, service] = parsePastedList('lea.moreau@exemple.fr\njean-pierre_de-la-tour@exemple.fr\ncontact@demo-sas.fr');
    expect(lea).toEqual({ email: 'lea.moreau@exemple.fr', firstName: 'Lea', lastName: 'Moreau' });
    expect(jean).toEqual({ email: 'jean-pierre_de-la-tour@exemple.fr', firstName: 'Jean-Pierre', lastName: 'De-La-Tour' });
    expect(service).toEqual({ email: 'contact@demo-sas.fr', firstName: '', lastName: '' });
  });

  it('understands "Prénom Nom <adresse>", "Nom Prénom <adresse>", "Nom, Prénom" and quotes', () => {
    const entries = parsePastedList(
      [
        'Léa Moreau <lea.moreau@exemple.fr>',
        'Bernard Hugo <hugo.bernard@exemple.fr>',
        'MARTIN Camille <cmartin@exemple.fr>',
        '"Petit, Inès" <ines@exemple.fr>, Durand, Chloé <chloe.durand@exemple.fr>',
      ].join('\n'),
    );
    expect(entries).toEqual([
      { email: 'lea.moreau@exemple.fr', firstName: 'Léa', lastName: 'Moreau' },
      { email: 'hugo.bernard@exemple.fr', firstName: 'Hugo', lastName: 'Bernard' },
      { email: 'cmartin@exemple.fr', firstName: 'Camille', lastName: 'Martin' },
      { email: 'ines@exemple.fr', firstName: 'Inès', lastName: 'Petit' },
      { email: 'chloe.durand@exemple.fr', firstName: 'Chloé', lastName: 'Durand' },
    ]);
  });

  it('keeps an entry without @ as typed, so its row can say what is wrong', () => {
    expect(parsePastedList('lea.moreau.exemple.fr, mailto:hugo.bernard@exemple.fr.')).toEqual([
      { email: 'lea.moreau.exemple.fr', firstName: '', lastName: '' },
      { email: 'hugo.bernard@exemple.fr', firstName: 'Hugo', lastName: 'Bernard' },
    ]);
  });

  it('finds nothing in blank text', () => {
    expect(parsePastedList(' \n ;, ')).toEqual([]);
  });
});

describe('name helpers', () => {
  it('does not guess from addresses that do not say prenom.nom', () => {
    expect(guessNamesFromEmail('jdupont@exemple.fr')).toBeNull();
    expect(guessNamesFromEmail('a.b@exemple.fr')).toBeNull();
    expect(guessNamesFromEmail('lea.moreau+compta@exemple.fr')).toEqual({ firstName: 'Lea', lastName: 'Moreau' });
  });

  it('uses the address to tell the first name from the last name', () => {
    expect(splitDisplayName('Moreau Léa', 'lea.moreau@exemple.fr')).toEqual({ firstName: 'Léa', lastName: 'Moreau' });
    expect(splitDisplayName('Dupont Jean', 'jdupont@exemple.fr')).toEqual({ firstName: 'Jean', lastName: 'Dupont' });
    expect(splitDisplayName('Jean Dupont', 'jean@exemple.fr')).toEqual({ firstName: 'Jean', lastName: 'Dupont' });
  });
});
