package triage

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"patientqa"
	"patientqa/normalize"
)

// The second net: two logistic regressions over hashed character and word n-grams, trained on
// the labelled messages of testdata/understand (go run ./cmd/trainurgency). One scores "danger
// now" (an emergency or a crisis), the other "crisis". For emergency and crisis, the union with
// the red-flag taxonomy decides: a message the taxonomy misses is routed when the net is sure
// enough. The thresholds are set by leaving each labelled set out in turn, so that the union
// keeps false emergencies rare on messages the net has not seen (see cmd/trainurgency).

//go:embed model.bin
var modelBin []byte

// modelBuckets is the number of hashed features.
const modelBuckets = 1 << 15

// Model is the second net.
type Model struct {
	Danger, Crisis []float32 // weights by feature bucket; the last is the bias
	// DangerAt and CrisisAt are the probabilities above which the net routes a message.
	DangerAt, CrisisAt float32
}

// secondNet is the embedded model (nil in the rare build that has none).
var secondNet = func() *Model {
	m, err := UnmarshalModel(modelBin)
	if err != nil {
		panic("triage: model.bin: " + err.Error())
	}
	return m
}()

// features returns the hashed n-grams of a folded text: Chinese characters and character
// pairs, English words and word pairs. Each is counted once.
func features(folded string) []uint32 {
	var out []uint32
	add := func(s string) {
		h := fnv.New32a()
		h.Write([]byte(s))
		out = append(out, h.Sum32()%modelBuckets)
	}
	var prevHan rune
	var prevWord string
	word := strings.Builder{}
	flush := func() {
		if word.Len() == 0 {
			return
		}
		w := word.String()
		add("w:" + w)
		if prevWord != "" {
			add("ww:" + prevWord + " " + w)
		}
		prevWord = w
		word.Reset()
	}
	for _, r := range folded {
		switch {
		case normalize.HasHan(string(r)):
			flush()
			add("c:" + string(r))
			if prevHan != 0 {
				add("cc:" + string(prevHan) + string(r))
			}
			prevHan = r
			prevWord = ""
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'':
			word.WriteRune(r)
			prevHan = 0
		default:
			flush()
			prevHan = 0
		}
	}
	flush()
	slices.Sort(out)
	return slices.Compact(out)
}

func logistic(w []float32, fs []uint32) float32 {
	z := w[modelBuckets]
	for _, f := range fs {
		z += w[f]
	}
	return float32(1 / (1 + math.Exp(-float64(z))))
}

// Scores returns the net's probabilities that a folded message is an emergency or a crisis,
// and that it is a crisis.
func (m *Model) Scores(folded string) (danger, crisis float32) {
	fs := features(folded)
	return logistic(m.Danger, fs), logistic(m.Crisis, fs)
}

// Urgency returns what the net adds for a folded message: crisis, emergency, or "" for
// nothing.
func (m *Model) Urgency(folded string) string {
	danger, crisis := m.Scores(folded)
	switch {
	case crisis >= m.CrisisAt:
		return patientqa.UrgencyCrisis
	case danger >= m.DangerAt && crisis >= 0.5:
		return patientqa.UrgencyCrisis // routed by the danger net; the crisis net says which kind
	case danger >= m.DangerAt:
		return patientqa.UrgencyEmergency
	}
	return ""
}

// Example is one labelled message for training.
type Example struct {
	Folded  string
	Urgency string
	// DangerOnly: the label says emergency or not, but not whether it is a crisis (the labelled
	// triage questions and the eval suites), so the crisis net does not learn from it.
	DangerOnly bool
}

// Train fits the two nets on examples (deterministic: a fixed seed and order).
func Train(examples []Example) *Model {
	examples = augment(examples)
	var fs, cfs [][]uint32
	var danger, crisis []float64
	for _, e := range examples {
		f := features(e.Folded)
		fs = append(fs, f)
		danger = append(danger, b2f(e.Urgency == patientqa.UrgencyEmergency || e.Urgency == patientqa.UrgencyCrisis))
		if !e.DangerOnly {
			cfs = append(cfs, f)
			crisis = append(crisis, b2f(e.Urgency == patientqa.UrgencyCrisis))
		}
	}
	return &Model{Danger: fit(fs, danger), Crisis: fit(cfs, crisis), DangerAt: 0.5, CrisisAt: 0.5}
}

// politeness is what people put before a question; the nets learn from every example with
// one of these before it too, so that a greeting says nothing about danger.
var politeness = struct{ zh, en []string }{
	zh: []string{"您好，麻烦问一下，", "医生你好，", "请问一下，", "唔该问下，", "你好 想请教一下 "},
	en: []string{"hello, could you please tell me: ", "hi doctor, ", "quick question: ", "sorry to bother you, "},
}

// augment returns the examples, each also with a polite opening.
func augment(examples []Example) []Example {
	out := slices.Clone(examples)
	for i, e := range examples {
		ps := politeness.en
		if normalize.HasHan(e.Folded) {
			ps = politeness.zh
		}
		e.Folded = normalize.Fold(ps[i%len(ps)] + e.Folded)
		out = append(out, e)
	}
	return out
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// fit is logistic regression by stochastic gradient descent with L2 regularisation.
func fit(fs [][]uint32, y []float64) []float32 {
	w := make([]float64, modelBuckets+1)
	rng := rand.New(rand.NewPCG(16, 2026))
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	const epochs, rate, l2 = 30, 0.2, 1e-4
	for epoch := range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		lr := rate / (1 + float64(epoch)/10)
		for _, i := range order {
			z := w[modelBuckets]
			for _, f := range fs[i] {
				z += w[f]
			}
			g := 1/(1+math.Exp(-z)) - y[i]
			for _, f := range fs[i] {
				w[f] -= lr * (g + l2*w[f])
			}
			w[modelBuckets] -= lr * g
		}
	}
	out := make([]float32, len(w))
	for i, v := range w {
		out[i] = float32(v)
	}
	return out
}

// Marshal encodes the model: the two thresholds, then both weight vectors, little-endian
// float32.
func (m *Model) Marshal() []byte {
	out := make([]byte, 0, 4*(2+2*(modelBuckets+1)))
	put := func(f float32) { out = binary.LittleEndian.AppendUint32(out, math.Float32bits(f)) }
	put(m.DangerAt)
	put(m.CrisisAt)
	for _, w := range [][]float32{m.Danger, m.Crisis} {
		for _, v := range w {
			put(v)
		}
	}
	return out
}

// UnmarshalModel decodes what Marshal made.
func UnmarshalModel(b []byte) (*Model, error) {
	if len(b) != 4*(2+2*(modelBuckets+1)) {
		return nil, errors.New("wrong size")
	}
	get := func(i int) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:])) }
	m := &Model{DangerAt: get(0), CrisisAt: get(1), Danger: make([]float32, modelBuckets+1), Crisis: make([]float32, modelBuckets+1)}
	for i := range m.Danger {
		m.Danger[i] = get(2 + i)
		m.Crisis[i] = get(2 + modelBuckets + 1 + i)
	}
	return m, nil
}

// MaxNetFalse is the most false emergencies the second net may give, on labelled sets it was
// not trained on, at the thresholds BuildModel chooses.
const MaxNetFalse = 0.01

// LabelledSet is a labelled set of messages by name (a blind set, once it has been measured).
type LabelledSet struct {
	Name     string
	Examples []Example
}

// Fold is one left-out set's figures in BuildModel's report: the net alone, trained without
// the set, on the set.
type Fold struct {
	Set                  string
	Positives, Negatives int
	Recall, False        float64 // emergency+crisis recall, and false emergencies on the negatives
}

// BuildModel trains the second net. Each labelled set is left out in turn and the nets are
// trained on the others; the thresholds chosen are those that give the net the most recall on
// the left-out sets while its false emergencies on their negatives stay at most maxFalse (the
// taxonomy was tuned on these sets, so only the net's own figures say anything about messages
// neither has seen). Then the nets are trained on everything with those thresholds. extra
// examples are always trained on and never left out.
func BuildModel(sets []LabelledSet, extra []Example, maxFalse float64) (*Model, []Fold) {
	type scored struct{ danger, crisis float32 }
	folds := make([][]scored, len(sets))
	for i := range sets {
		train := slices.Clone(extra)
		for j, o := range sets {
			if j != i {
				train = append(train, o.Examples...)
			}
		}
		m := Train(train)
		for _, e := range sets[i].Examples {
			d, c := m.Scores(e.Folded)
			folds[i] = append(folds[i], scored{d, c})
		}
	}
	evaluate := func(dangerAt, crisisAt float32) (figs []Fold, recall, falses float64) {
		for i, s := range sets {
			fig := Fold{Set: s.Name}
			var hit, falseHit int
			for k, e := range s.Examples {
				routed := folds[i][k].danger >= dangerAt || folds[i][k].crisis >= crisisAt
				if e.Urgency == patientqa.UrgencyEmergency || e.Urgency == patientqa.UrgencyCrisis {
					fig.Positives++
					hit += b2i(routed)
				} else {
					fig.Negatives++
					falseHit += b2i(routed)
				}
			}
			fig.Recall, fig.False = ratio(hit, fig.Positives), ratio(falseHit, fig.Negatives)
			figs = append(figs, fig)
			recall += fig.Recall / float64(len(sets))
			falses += fig.False / float64(len(sets))
		}
		return figs, recall, falses
	}
	best := struct {
		d, c   float32
		recall float64
		figs   []Fold
	}{d: 1.01, c: 1.01}
	best.figs, best.recall, _ = evaluate(best.d, best.c)
	for d := float32(0.50); d < 1; d += 0.02 {
		for c := float32(0.50); c < 1; c += 0.02 {
			figs, recall, falses := evaluate(d, c)
			if falses <= maxFalse && recall > best.recall+1e-9 {
				best.d, best.c, best.recall, best.figs = d, c, recall, figs
			}
		}
	}
	all := slices.Clone(extra)
	for _, s := range sets {
		all = append(all, s.Examples...)
	}
	m := Train(all)
	m.DangerAt, m.CrisisAt = best.d, best.c
	return m, best.figs
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func ratio(a, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(a) / float64(n)
}
