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
    expect(applicableGlossary(defaults, 'Albert Londres est parti pour Pékin en 1922.')).toEqual([['Pékin', 'Beijing']])
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
    expect(missingNames('Le pillage a touché Bichkek et Kyriat Arba.', 'Looting hit Bishkek and Kiryat Arba.')).toEqual(
      [],
    )
  })

  it('notices a name replaced by another', () => {
    expect(missingNames('Il a rencontré Olaf Scholz à Berlin.', 'He met Olaf Merz in Berlin.')).toEqual(['Scholz'])
    expect(addedNames('Il a rencontré Olaf Scholz à Berlin.', 'He met Olaf Merz in Berlin.')).toEqual(['Merz'])
  })
})
