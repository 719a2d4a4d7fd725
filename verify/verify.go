// Package verify decides whether a sentence written by a language model is supported by the
// passages it cites. The service lets a model write a kinder answer only when every sentence it
// keeps can be traced to the vetted passages it was given; a sentence that fails is dropped.
//
// The check is lexical and deliberately strict, because a dropped true sentence costs a little
// fluency while a kept false one could mislead a patient. A sentence passes only if all of these
// hold (on folded text: Simplified, lower case):
//
//  1. Citations: it carries at least one [n] marker, and every n names a passage that was given.
//  2. Numbers: every number in it (375, 3.26, 2026) appears in the cited passages.
//  3. Names: every Latin-script name (BAMI, NurOwn, FDA, CAR-T) and every 《title》 appears in the
//     cited passages.
//  4. Content: most of its content terms (Chinese character bigrams, English words; function
//     words left out) appear in the cited passages (MinCoverage).
//  5. Negation: the cited passage sentence it resembles most has a negation exactly when it
//     has one, so "没有差异" cannot become "有差异", nor "did not meet" become "met".
//  6. No promise: the cure-promise detector (package promise) does not flag it.
//
// Precision (unsupported sentences caught) and recall (supported sentences kept) are measured
// on the hand-labelled set in testdata/labelled.yaml by the package tests.
package verify

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"patientqa/normalize"
	"patientqa/promise"
	"patientqa/retrieval"
)

// MinCoverage is the share of a sentence's content terms that the cited passages must contain.
const MinCoverage = 0.75

// Result is the verdict on one sentence.
type Result struct {
	Sentence string
	Cited    []int  // passage numbers it cites, in order
	OK       bool   // supported
	Reason   string // why not, when !OK
}

var (
	markerRe = regexp.MustCompile(`\[(\d{1,3})\]`)
	numberRe = regexp.MustCompile(`\d+(?:[.,]\d+)*`)
	// latinNameRe finds names written in Latin script with a capital letter or a digit inside
	// (BAMI, NurOwn, CAR-T, MultiStem, Holoclar, NCT02032004).
	latinNameRe = regexp.MustCompile(`\b[A-Za-z]*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\b`)
	bookTitleRe = regexp.MustCompile(`《([^》]+)》`)
)

// Negation words; a sentence "has a negation" when it contains one.
var negators = []string{"没有", "没能", "并未", "尚未", "未能", "未见", "未发现", "未达到", "未达", "未显示",
	"未被", "未获", "未证实", "未证明", "未有", "不能", "不会", "不是", "并不", "并非", "不再", "不足以",
	"无法", "无明显", "无差异", "缺乏", "冇", "唔", " not ", "n't", " no ", " never ", "neither", " nor ",
	" without ", " failed ", " fail ", " fails ", "unproven", " lack", " none "}

// Sentence verifies one model sentence against the given passages (by their [n]).
func Sentence(s string, given map[int]string) Result {
	r := Result{Sentence: s}
	fail := func(format string, args ...any) Result { r.Reason = fmt.Sprintf(format, args...); return r }
	for _, m := range markerRe.FindAllStringSubmatch(s, -1) {
		n, _ := strconv.Atoi(m[1])
		if _, ok := given[n]; !ok {
			return fail("cites [%d], which was not given", n)
		}
		if !slices.Contains(r.Cited, n) {
			r.Cited = append(r.Cited, n)
		}
	}
	if len(r.Cited) == 0 {
		return fail("cites no passage")
	}
	text := strings.TrimSpace(markerRe.ReplaceAllString(s, ""))
	if _, bad := promise.Sentence(text); bad {
		return fail("promises an outcome")
	}
	var texts []string
	for _, n := range r.Cited {
		texts = append(texts, normalize.Fold(given[n]))
	}
	cited := strings.Join(texts, "\n")
	folded := normalize.Fold(text)

	for _, num := range numberRe.FindAllString(folded, -1) {
		if !containsNumber(cited, num) {
			return fail("number %s is not in the cited passages", num)
		}
	}
	for _, name := range latinNameRe.FindAllString(text, -1) {
		if len(name) < 2 || !strings.ContainsAny(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") {
			continue
		}
		if !strings.Contains(cited, strings.ToLower(name)) {
			return fail("name %q is not in the cited passages", name)
		}
	}
	for _, m := range bookTitleRe.FindAllStringSubmatch(folded, -1) {
		if !strings.Contains(cited, m[1]) {
			return fail("title 《%s》 is not in the cited passages", m[1])
		}
	}
	if cov := coverage(folded, cited); cov < MinCoverage {
		return fail("only %.0f%% of its content is in the cited passages", cov*100)
	}
	if best := closest(folded, cited); best != "" && hasNegation(folded) != hasNegation(best) {
		return fail("its negation differs from the cited passage: %q", best)
	}
	r.OK = true
	return r
}

// containsNumber reports whether num appears in text as a whole number (375 is not in 1375).
func containsNumber(text, num string) bool {
	for i := 0; ; {
		k := strings.Index(text[i:], num)
		if k < 0 {
			return false
		}
		at := i + k
		end := at + len(num)
		before := at == 0 || !isDigitOrDot(text[at-1])
		after := end == len(text) || !isDigit(text[end]) && !(text[end] == '.' && end+1 < len(text) && isDigit(text[end+1]))
		if before && after {
			return true
		}
		i = at + 1
	}
}

func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
func isDigitOrDot(c byte) bool { return isDigit(c) || c == '.' }

// contentTerms returns the terms that carry meaning: Chinese characters and character bigrams
// (function characters left out by the tokeniser) and English words. Characters keep a
// paraphrase that splits a word differently ("死亡率" for "死亡") from failing; bigrams keep an
// invented phrase made of common characters from passing.
func contentTerms(folded string) []string {
	return retrieval.Tokenize(folded)
}

// bigramsOnly returns the multi-character terms, for finding the closest passage sentence.
func bigramsOnly(terms []string) []string {
	var out []string
	for _, t := range terms {
		if utf8.RuneCountInString(t) > 1 || t[0] < utf8.RuneSelf {
			out = append(out, t)
		}
	}
	return out
}

// coverage is the share of the sentence's distinct content terms found in the cited text.
func coverage(sentence, cited string) float64 {
	have := map[string]bool{}
	for _, t := range contentTerms(cited) {
		have[t] = true
	}
	seen := map[string]bool{}
	total, got := 0, 0
	for _, t := range contentTerms(sentence) {
		if seen[t] {
			continue
		}
		seen[t] = true
		total++
		if have[t] {
			got++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(got) / float64(total)
}

// closest returns the sentence of the cited text that shares the most content terms with s.
func closest(s, cited string) string {
	want := map[string]bool{}
	for _, t := range bigramsOnly(contentTerms(s)) {
		want[t] = true
	}
	best, bestN := "", 0
	for _, c := range normalize.Sentences(cited) {
		n := 0
		seen := map[string]bool{}
		for _, t := range bigramsOnly(contentTerms(c)) {
			if want[t] && !seen[t] {
				seen[t] = true
				n++
			}
		}
		if n > bestN {
			best, bestN = c, n
		}
	}
	return best
}

func hasNegation(folded string) bool {
	padded := " " + folded + " "
	for _, n := range negators {
		if strings.Contains(padded, n) {
			return true
		}
	}
	return false
}
