// Package trie finds every occurrence of many phrases in a text in one pass over the text,
// instead of one search per phrase. It serves the concept map (hundreds of synonyms looked up
// in every passage at index build and in every question) and the triage pattern prefilter.
//
// Phrases are stored rune by rune; a scan walks the trie from every position of the text and
// stops as soon as no phrase continues, so the cost grows with the text, not with the number
// of phrases.
package trie

import (
	"slices"
	"unicode/utf8"
)

// Trie is a set of phrases, each with one or more integer ids. Build it with Add, then scan
// with Scan; a Trie that is no longer added to is safe for concurrent scans.
type Trie struct {
	nodes []node // nodes[0] is the root
	// first maps a rune below len(first) to the root's child for it (0: none), so the lookup
	// made at every position of a text is an index, not a search.
	first []int32
}

type node struct {
	kids []kid // by rune
	ids  []int // of the phrases that end here
}

type kid struct {
	r    rune
	node int32
}

// maxFirst bounds the table of first runes: the Basic Multilingual Plane, which holds the
// common Chinese characters.
const maxFirst = 0x10000

// New returns an empty trie.
func New() *Trie { return &Trie{nodes: make([]node, 1)} }

// Add adds phrase with id. The same phrase may be added with several ids; the empty phrase is
// ignored.
func (t *Trie) Add(phrase string, id int) {
	if phrase == "" {
		return
	}
	n := int32(0)
	for _, r := range phrase {
		i, ok := slices.BinarySearchFunc(t.nodes[n].kids, r, func(k kid, r rune) int { return int(k.r - r) })
		if !ok {
			t.nodes = append(t.nodes, node{})
			t.nodes[n].kids = slices.Insert(t.nodes[n].kids, i, kid{r, int32(len(t.nodes) - 1)})
			if n == 0 && r < maxFirst {
				if int(r) >= len(t.first) { // grow by doubling, up to maxFirst
					first := make([]int32, min(max(int(r)+1, 2*len(t.first)), maxFirst))
					copy(first, t.first)
					t.first = first
				}
				t.first[r] = int32(len(t.nodes) - 1)
			}
		}
		n = t.nodes[n].kids[i].node
	}
	t.nodes[n].ids = append(t.nodes[n].ids, id)
}

// child returns the child of node n for rune r, or 0.
func (t *Trie) child(n int32, r rune) int32 {
	if n == 0 && r < maxFirst {
		if int(r) < len(t.first) {
			return t.first[r]
		}
		return 0
	}
	kids := t.nodes[n].kids
	if len(kids) <= 8 {
		for _, k := range kids {
			if k.r == r {
				return k.node
			}
		}
		return 0
	}
	if i, ok := slices.BinarySearchFunc(kids, r, func(k kid, r rune) int { return int(k.r - r) }); ok {
		return kids[i].node
	}
	return 0
}

// Scan calls f for every occurrence of a phrase in s: start and end are byte offsets, ids are
// the ids of the phrase (in the order they were added; f must not keep or change the slice).
// Occurrences come by start, then shortest first.
func (t *Trie) Scan(s string, f func(start, end int, ids []int)) {
	if len(t.nodes) == 1 {
		return
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		n := t.child(0, r)
		for j := i + size; n != 0; {
			if ids := t.nodes[n].ids; ids != nil {
				f(i, j, ids)
			}
			if j == len(s) {
				break
			}
			r, w := utf8.DecodeRuneInString(s[j:])
			n, j = t.child(n, r), j+w
		}
		i += size
	}
}
