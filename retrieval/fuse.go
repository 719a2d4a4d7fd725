package retrieval

import "patientqa"

// RRFK is the constant of reciprocal-rank fusion: the usual 60, which keeps one list's top
// result from drowning the other lists.
const RRFK = 60

// Fuse merges ranked lists by reciprocal-rank fusion: a passage scores the sum of 1/(RRFK+rank)
// over the lists it appears in (rank from 1). Scores on different scales (BM25, cosine) need
// no calibration. The result is best first, ties broken by passage ID.
func Fuse(lists ...[]patientqa.Scored) []patientqa.Scored {
	if len(lists) == 1 {
		return lists[0]
	}
	score := map[string]float64{}
	byID := map[string]*patientqa.Passage{}
	for _, l := range lists {
		for rank, s := range l {
			score[s.Passage.ID] += 1 / float64(RRFK+rank+1)
			byID[s.Passage.ID] = s.Passage
		}
	}
	out := make([]patientqa.Scored, 0, len(score))
	for id, sc := range score {
		out = append(out, patientqa.Scored{Passage: byID[id], Score: sc})
	}
	SortScored(out)
	return out
}
