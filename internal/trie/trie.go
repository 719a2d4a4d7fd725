// Package trie finds every occurrence of many phrases in a text in one pass over the text,
// instead of one search per phrase. It serves the concept map (hundreds of synonyms looked up
// in every passage at index build and in every question) and the triage pattern prefilter.
//
// Phrases are stored rune by rune; a scan walks the trie from every position of the text and
// stops as soon as no phrase continues, so the cost grows with the text, not with the number
// of phrases.
package trie

import "unicode/utf8"

// Trie is a set of phrases, each with one or more integer ids. Build it with Add, then scan
// with Scan; a Trie that is no longer added to is safe for concurrent scans.
type Trie struct {
	next map[edge]int32 // child of a node by rune
	ids  [][]int        // ids of the phrases that end at each node; node 0 is the root
}

type edge struct {
	node int32
	r    rune
}

// New returns an empty trie.
func New() *Trie { return &Trie{next: map[edge]int32{}, ids: make([][]int, 1)} }

// Add adds phrase with id. The same phrase may be added with several ids; the empty phrase is
// ignored.
func (t *Trie) Add(phrase string, id int) {
	if phrase == "" {
		return
	}
	n := int32(0)
	for _, r := range phrase {
		c, ok := t.next[edge{n, r}]
		if !ok {
			c = int32(len(t.ids))
			t.ids = append(t.ids, nil)
			t.next[edge{n, r}] = c
		}
		n = c
	}
	t.ids[n] = append(t.ids[n], id)
}

// Scan calls f for every occurrence of a phrase in s: start and end are byte offsets, ids are
// the ids of the phrase (in the order they were added; f must not keep or change the slice).
// Occurrences come by start, then shortest first.
func (t *Trie) Scan(s string, f func(start, end int, ids []int)) {
	if len(t.ids) == 1 {
		return
	}
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		n := int32(0)
		for j := i; j < len(s); {
			r, w := utf8.DecodeRuneInString(s[j:])
			c, ok := t.next[edge{n, r}]
			if !ok {
				break
			}
			n, j = c, j+w
			if ids := t.ids[n]; ids != nil {
				f(i, j, ids)
			}
		}
		i += size
	}
}
