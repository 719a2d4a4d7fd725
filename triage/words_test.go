package triage

import (
	"slices"
	"testing"

	"patientqa/normalize"
)

func TestSplitTop(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"心慌|心悸", []string{"心慌", "心悸"}},
		{"a(?:b|c)|d", []string{"a(?:b|c)", "d"}},
		{`[|]x|y\|z`, []string{"[|]x", `y\|z`}},
		{"one", []string{"one"}},
	}
	for _, tt := range tests {
		if got := splitTop(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitTop(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWordSetBoundaries: cue words match whole ("no" is not "now"), sign words take any
// ending ("seizure" finds "seizures") but start at a word; Chinese words match anywhere.
func TestWordSetBoundaries(t *testing.T) {
	cue := newWordSet(cueMode)
	cue.take("no|not", true)
	cue.take("没有", false)
	sign := newWordSet(signMode)
	sign.take("seizure", true)
	tests := []struct {
		ws   *wordSet
		text string
		want []string
	}{
		{cue, "is it now or not", []string{"not"}},
		{cue, "我没有发烧", []string{"没有"}},
		{sign, "two seizures, no preseizure", []string{"seizures"}},
	}
	for _, tt := range tests {
		x := newText(normalize.Fold(tt.text))
		var got []string
		for _, s := range tt.ws.scan(x, nil) {
			got = append(got, x.folded[s.start:s.end])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: found %q, want %q", tt.text, got, tt.want)
		}
	}
}
