import { describe, expect, it } from 'vitest'
import { applicableGlossary } from '../../src/text/glossary'
import { TermIndex } from '../../src/text/terms'

const containsTerm = (text: string, term: string) => new TermIndex(text).has(term)
import { addedNames, missingNames, namesIn } from '../../src/text/names'

describe('glossary terms found in French text', () => {
  it('finds an acronym only in capitals, and any term only as a whole word', () => {
    expect(containsTerm('L’UE a décidé', 'UE')).toBe(true)
    expect(containsTerm('ce que nous voulons', 'UE')).toBe(false)
    expect(containsTerm('les Pékinois', 'Pékin')).toBe(false)
  })

  it('finds a term written with combining accents in the text, or in the glossary', () => {
    // "Pe" + U+0301: the same word, decomposed, as some editors and keyboards send it.
    expect(containsTerm('Le ministre est arrivé à Pe\u0301kin lundi.', 'Pékin')).toBe(true)
    expect(containsTerm('Le ministre est arrivé à Pékin lundi.', 'Pe\u0301kin')).toBe(true)
    expect(containsTerm('les Pe\u0301kinois', 'Pékin')).toBe(false)
  })

  it('applies a one-word name only as a whole name, not inside a longer one', () => {
    expect(containsTerm('Il vit à Londres depuis 2010.', 'Londres')).toBe(true)
    expect(containsTerm('À Londres, la pluie tombait.', 'Londres')).toBe(true)
    expect(containsTerm('Selon Londres, rien ne change.', 'Londres')).toBe(true)
    expect(containsTerm('Le prix Albert Londres a été décerné.', 'Londres')).toBe(false)
    expect(containsTerm('Le prix Albert-Londres a été décerné.', 'Londres')).toBe(false)
    expect(containsTerm('Londres Heathrow est fermé.', 'Londres')).toBe(false)
  })

  it('keeps a default name out of a paragraph about a person who bears it', () => {
    const defaults = { Londres: 'London', Pékin: 'Beijing' }
    const paragraph = 'Albert Londres est parti pour Pékin en 1922.'
    expect(applicableGlossary(defaults, paragraph)).toEqual([['Pékin', 'Beijing']])
  })

  it('matches a name of several words as a whole', () => {
    expect(containsTerm('Le Caire a répondu.', 'Le Caire')).toBe(true)
    expect(containsTerm('Vladimir Poutine est arrivé.', 'Vladimir Poutine')).toBe(true)
  })
})

describe('names carried from the French', () => {
  it('takes capitalised words that do not open a sentence, and acronyms', () => {
    expect(namesIn('Le président Emmanuel Macron a reçu l’OTAN. Il a parlé.').map((n) => n.text)).toEqual([
      'Emmanuel',
      'Macron',
      'OTAN',
    ])
    expect(namesIn('M. Dupont arrive.').map((n) => n.text)).toEqual(['Dupont'])
  })

  it('finds them as they are, without accents, as cognates or as exonyms', () => {
    expect(
      missingNames(
        'Poutine est arrivé à Pékin, en Chine, puis à l’Élysée.',
        'Putin arrived in Beijing, China, then at the Elysee.',
      ),
    ).toEqual([])
    const looting = 'Le pillage a touché Bichkek et Kyriat Arba.'
    expect(missingNames(looting, 'Looting hit Bishkek and Kiryat Arba.')).toEqual([])
  })

  it('notices a name replaced by another', () => {
    expect(missingNames('Il a rencontré Olaf Scholz à Berlin.', 'He met Olaf Merz in Berlin.')).toEqual(['Scholz'])
    expect(addedNames('Il a rencontré Olaf Scholz à Berlin.', 'He met Olaf Merz in Berlin.')).toEqual(['Merz'])
  })
})

describe('names rendered as a whole by their English counterpart', () => {
  it('does not demand a generic word of a name whose other words are carried', () => {
    expect(
      missingNames('Le navire a rejoint les Îles Canaries hier.', 'The ship reached the Canaries yesterday.'),
    ).toEqual([])
    expect(missingNames('Ils ont manifesté sur la Place Tiananmen.', 'They demonstrated in Tiananmen.')).toEqual([])
  })

  it('still demands the distinctive word of such a name', () => {
    expect(
      missingNames('Le navire a rejoint les Îles Canaries hier.', 'The ship reached the Azores yesterday.'),
    ).toEqual(['Îles', 'Canaries'])
  })

  it('accepts an English title or place name beside the noun that introduces it', () => {
    expect(
      missingNames(
        'Elle a revu le film La Grande Vadrouille avec ses enfants.',
        'She watched the movie Don’t Look Now, We’re Being Shot At with her children again.',
      ),
    ).toEqual([])
    expect(
      missingNames('Ils ont traversé le pont des Soupirs à Venise.', 'They crossed the Bridge of Sighs in Venice.'),
    ).toEqual([])
    const ardennes = 'La bataille des Ardennes a commencé en décembre 1944.'
    expect(missingNames(ardennes, 'The Battle of the Bulge began in December 1944.')).toEqual([])
    const title = 'Elle relit le roman Le Petit Prince chaque hiver.'
    expect(missingNames(title, 'She rereads the novel The Little Prince every winter.')).toEqual([])
  })

  it('demands a name kept in part, or one with no such noun in the English', () => {
    expect(
      missingNames('Le cortège a rejoint la place Charles-de-Gaulle.', 'The march reached Charles-de-Lambert Square.'),
    ).toEqual(['Gaulle'])
    expect(
      missingNames('Elle a revu le film La Grande Vadrouille hier.', 'She watched Carry On Camping again yesterday.'),
    ).toEqual(['Grande', 'Vadrouille'])
    const ardennes = 'La bataille des Ardennes a commencé en décembre 1944.'
    expect(missingNames(ardennes, 'The Bulge offensive began in December 1944.')).toEqual(['Ardennes'])
  })
})
