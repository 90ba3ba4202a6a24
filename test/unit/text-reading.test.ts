import { describe, expect, it } from 'vitest'
import { englishNegations, frenchNegations, sentenceCount, sentencesOf } from '../../src/text/shape'
import { frenchWordShare, languageShare } from '../../src/text/language'
import { fold, sharesNoWord, WordIndex } from '../../src/text/names'
import { extractFrenchNumbers, missingNumbers } from '../../src/text/numbers'
import { matchesOf, wordBounds } from '../../src/text/words'

// The text steps read texts by code where a pattern or a split cost more. These tests pin
// that each shortcut reads what the plain way reads, on texts written to hit its edges.

describe('finding every match of a pattern', () => {
  it('finds what matchAll finds, and leaves the pattern ready for the next text', () => {
    const pattern = /\d+/g
    const text = 'En 2024, 12 000 personnes et 3 villes'
    expect(matchesOf(pattern, text).map((m) => [m[0], m.index])).toEqual(
      [...text.matchAll(/\d+/g)].map((m) => [m[0], m.index]),
    )
    expect(pattern.lastIndex).toBe(0)
    expect(matchesOf(pattern, 'rien').length).toBe(0)
  })

  it('moves past an empty match by one character, and by a whole character beyond the Basic Plane', () => {
    const text = 'a𝒜b'
    expect(matchesOf(/x*/gu, text).map((m) => m.index)).toEqual([...text.matchAll(/x*/gu)].map((m) => m.index))
    expect(matchesOf(/x*/g, text).map((m) => m.index)).toEqual([...text.matchAll(/x*/g)].map((m) => m.index))
  })
})

describe('finding words by code', () => {
  const words = (text: string, marks = false) => {
    const bounds = wordBounds(text, marks)
    const found: string[] = []
    for (let k = 0; k < bounds.length; k += 2) found.push(text.slice(bounds[k], bounds[k + 1]))
    return found
  }

  it('finds the runs of letters that a letter pattern finds, with accents, apostrophes and astral letters', () => {
    const text = 'L’État a dit « non » : 12 députés, 𝒜bc et e\u0301te\u0301.'
    expect(words(text)).toEqual(text.match(/\p{L}+/gu))
  })

  it('keeps combining marks inside a word read as names are read, never at its start', () => {
    const text = 'Cafe\u0301 \u0301Noe\u0308l x\u0301y'
    expect(words(text, true)).toEqual(text.match(/\p{L}[\p{L}\p{M}]*/gu))
  })
})

describe('folding text', () => {
  it('drops the accents of Latin text and lower-cases it', () => {
    expect(fold('Élysée, Noël, Ærø, Œuvre, naïve façade')).toBe('elysee, noel, ærø, œuvre, naive facade')
  })

  it('folds Latin text as normalising it would, character for character', () => {
    const latin = 'ÀÉÎÕÜàéîõüÇçÑñŸÿĀāĞğİıŁłŒœŠšŽžſ’“”…–—\u00A0\u202F€'
    const normalised = latin
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
    expect(fold(latin)).toBe(normalised)
  })

  it('folds each character of Latin-1, Latin Extended-A, General Punctuation and the euro as normalising does', () => {
    const codes = [0x20ac]
    for (let code = 0x80; code <= 0x17f; code++) codes.push(code)
    for (let code = 0x2000; code <= 0x206f; code++) codes.push(code)
    const latin = `Ab ${String.fromCharCode(...codes)} cD`
    expect(fold(latin)).toBe(
      latin
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase(),
    )
  })

  it('still folds text beyond Latin, Greek capitals and combining marks included', () => {
    expect(fold('ΣΟΦΙΑ Ἀθῆναι')).toBe('σοφια αθηναι')
    expect(fold('Cafe\u0301')).toBe('cafe')
  })
})

describe('looking words up in a text', () => {
  it('answers alike before and after the set of its words is built', () => {
    const text = 'Le président à Paris, dans le Parisien, en 2024 (F1).'
    const asked = ['paris', 'parisien', 'pari', 'president', 'f1', 'f', '2024', 'paris,', '']
    const lazy = new WordIndex(text)
    const before = asked.map((word) => lazy.has(word))
    const built = new WordIndex(text)
    expect([...built.all]).toContain('president')
    expect(asked.map((word) => built.has(word))).toEqual(before)
    expect(before).toEqual([true, true, false, true, true, false, true, false, false])
  })

  it('tells a word from the same letters inside a longer word, next to a letter beyond the Basic Plane', () => {
    const index = new WordIndex('𝒜paris paris𝒜 lyon')
    expect(index.has('paris')).toBe(false)
    expect(index.has('lyon')).toBe(true)
  })

  it('finds a word by its first letters alike before and after the list of first letters is made', () => {
    const text = 'Les Parisiens, l’Européenne et 𝒜parlement² ; x²parle.'
    const asked = ['parisienne', 'europeens', 'parlementaire', 'parlera', 'parisiens']
    const searched = asked.map((word) => new WordIndex(text).hasStem(word))
    const listed = new WordIndex(text)
    // Past the searches, the list is made; the answers stay the same.
    for (let i = 0; i < 20; i++) listed.hasStem('zzzzzz')
    expect(asked.map((word) => listed.hasStem(word))).toEqual(searched)
    expect(searched).toEqual([true, true, false, false, true])
    expect(new WordIndex(text).hasCognate('europe')).toBe(true)
  })
})

describe('words shared between the French and the English', () => {
  it('finds a shared word however late it comes in the English', () => {
    const fr = 'Le gouvernement a présenté une réforme des retraites.'
    const en =
      'Yesterday afternoon, several thousand angry workers marched through northern cities shouting ' +
      'slogans against the government'
    expect(sharesNoWord(fr, en)).toBe(false)
  })

  it('sees no shared word in an unrelated English of seven content words or more', () => {
    const fr = 'Le gouvernement a présenté une réforme des retraites.'
    const en = 'Yesterday afternoon, several thousand angry workers marched through northern cities shouting.'
    expect(sharesNoWord(fr, en)).toBe(true)
  })
})

describe('figures read by code', () => {
  it('reads "un" and "une" as a figure only before a scale', () => {
    expect(extractFrenchNumbers('un homme et une femme').map((n) => n.values)).toEqual([])
    expect(extractFrenchNumbers('un million de personnes').map((n) => n.values)).toEqual([[1, 1e6]])
    expect(extractFrenchNumbers('Un, millions').map((n) => n.values)).toEqual([[1, 1e6]])
    expect(extractFrenchNumbers('vingt et un pays').map((n) => n.values)).toEqual([[21]])
  })

  it('reads number words in capitals and ordinals in "-ième" however written', () => {
    expect(extractFrenchNumbers('DEUX CENTS soldats').map((n) => n.values)).toEqual([[200, 2]])
    expect(extractFrenchNumbers('la Quinzième fois').map((n) => n.values)).toEqual([[15]])
    expect(extractFrenchNumbers('une vingtaine de jours').map((n) => n.values)).toEqual([[20]])
  })

  it('counts a figure glued to letters in the English, before or after them', () => {
    expect(missingNumbers('La Formule 1 et la 5G', 'Formula F1 and 5G')).toEqual([])
    expect(missingNumbers('La Formule 1', 'Formula 𝒜1')).toEqual([])
    expect(missingNumbers('La Formule 1', 'Formula race')).toEqual(['1'])
  })
})

describe('function words and negations counted by code', () => {
  it('counts words and French function words as a split into words does', () => {
    expect(frenchWordShare('Le chat est sur la table, où il dort.')).toEqual({ words: 9, french: 6 })
    expect(languageShare('The cat is on the table.')).toEqual({ words: 6, french: 0, english: 4 })
  })

  it('counts the words that may carry a negation in any case, and beside the characters that fold apart', () => {
    expect(englishNegations('WITHOUT doubt, they FAILED and were Unable to act.').any).toBe(3)
    // "ſ" and the Kelvin sign read as "s" and "k" in a case-blind pattern: "ſhort" is "short".
    expect(englishNegations('a ſhort stay, without the \u212Aing').any).toBe(2)
    expect(englishNegations('İn short').any).toBe(1)
  })

  it('finds the French plain negations in any case ("ne … serait-ce" is none), none in "une"', () => {
    expect(frenchNegations('Il NE viendra PAS demain.').explicit).toBe(1)
    expect(frenchNegations('Elle N’a jamais dit cela.').explicit).toBe(1)
    expect(frenchNegations("Il n'y a plus de pain, ne serait-ce qu'un peu ; ne rien dire.").explicit).toBe(2)
    expect(frenchNegations('Rien ne change.').explicit).toBe(1)
    expect(frenchNegations('Une semaine de personnes, une ligne et un signe.').explicit).toBe(0)
    expect(frenchNegations('Une semaine sans pluie.').any).toBe(1)
  })

  it('counts the French words that may carry a negation in any case, "ſ" read as "s"', () => {
    expect(frenchNegations('N’importe, ſans PEU de gens refusés, l’échouage est IMPOSSIBLE.').any).toBe(6)
    expect(frenchNegations("Une privée, des privées, les incapables et l'inutile.").any).toBe(4)
    expect(frenchNegations('İnutile, Ｐas, peuple, nier, l’anomalie.').any).toBe(0)
  })
})

describe('counting sentences up to a number', () => {
  const text = 'M. Dupont est arrivé. « Non. » Puis il est parti. Le soir, il est revenu'

  it('counts as many as the sentences read, up to the number asked for', () => {
    expect(sentencesOf(text)).toHaveLength(4)
    expect(sentenceCount(text, 2)).toBe(2)
    expect(sentenceCount(text, 4)).toBe(4)
    expect(sentenceCount(text, 6)).toBe(4)
    expect(sentenceCount('', 3)).toBe(0)
  })
})
