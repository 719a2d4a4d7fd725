package triage

import (
	"slices"
	"testing"

	"patientqa"
)

func TestFeatures(t *testing.T) {
	a, b := features("胸口痛 chest pain now"), features("chest pain now 胸口痛")
	if !slices.Equal(a, b) {
		t.Error("features must not depend on where the Chinese and English stand apart")
	}
	if len(features("")) != 0 {
		t.Error("no text, no features")
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := Train([]Example{{Folded: "我不想活了", Urgency: patientqa.UrgencyCrisis}, {Folded: "干细胞多少钱", Urgency: patientqa.UrgencyNone}})
	m.DangerAt, m.CrisisAt = 0.6, 0.7
	back, err := UnmarshalModel(m.Marshal())
	if err != nil || back.DangerAt != 0.6 || back.CrisisAt != 0.7 || !slices.Equal(back.Danger, m.Danger) || !slices.Equal(back.Crisis, m.Crisis) {
		t.Fatalf("round trip: %v", err)
	}
	if _, err := UnmarshalModel([]byte{1, 2, 3}); err == nil {
		t.Error("a short model must be an error")
	}
}
