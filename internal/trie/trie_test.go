package trie

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestScan(t *testing.T) {
	tr := New()
	for i, p := range []string{"干细胞", "细胞", "干", "als", "干细胞", "cell", ""} {
		tr.Add(p, i)
	}
	var got []string
	tr.Scan("ALS: 干细胞 cells, als", func(start, end int, ids []int) {
		got = append(got, fmt.Sprintf("%d-%d%v", start, end, ids))
	})
	want := []string{"5-8[2]", "5-14[0 4]", "8-14[1]", "15-19[5]", "22-25[3]"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestScanMatchesNaive compares Scan with a search for every phrase at every position.
func TestScanMatchesNaive(t *testing.T) {
	phrases := []string{"a", "ab", "abc", "bc", "c", "cab", "骨", "骨关节", "关节炎", "类风湿关节炎", "x\xffy", "𠀀a", "a𠀀"}
	tr := New()
	for i, p := range phrases {
		tr.Add(p, i)
	}
	for _, s := range []string{"abcabcab", "类风湿关节炎和骨关节炎", "", "c", "\xffabc骨", "x\xffy", "𠀀a𠀀a"} {
		var got, want []string
		tr.Scan(s, func(start, end int, ids []int) {
			for _, id := range ids {
				got = append(got, fmt.Sprintf("%d:%s", start, phrases[id]))
			}
		})
		for i := range s {
			for _, p := range phrases {
				if strings.HasPrefix(s[i:], p) {
					want = append(want, fmt.Sprintf("%d:%s", i, p))
				}
			}
		}
		// Scan orders by start then length; the naive search by start then phrase order.
		sortByStart := func(v []string) map[string]bool {
			m := map[string]bool{}
			for _, x := range v {
				m[x] = true
			}
			return m
		}
		if !reflect.DeepEqual(sortByStart(got), sortByStart(want)) || len(got) != len(want) {
			t.Errorf("%q: got %v, want %v", s, got, want)
		}
	}
}
