package patientqa

import (
	"bytes"
	"encoding/json"
)

// AnswerJSON is the JSON form of an answer made once, to be sent many times, each time with a
// new answer_id: the engine keeps one with every answer it caches, so that a repeated question
// costs no encoding. Its bytes are what encoding/json makes of the Answer (HTML-escaped, as
// the server sends it).
type AnswerJSON struct {
	enc []byte // the encoding with AnswerID set to idPlaceholder
	at  int    // where idPlaceholder is in enc
}

// idPlaceholder stands for the answer_id while the answer is encoded; it has the form of the
// ids the server gives (32 hex characters), so the encoding around it is the same.
const idPlaceholder = "00000000000000000000000000000000"

// EncodeAnswer encodes a (whatever its AnswerID) for AnswerJSON.Append, or returns nil if it
// cannot.
func EncodeAnswer(a *Answer) *AnswerJSON {
	b := *a
	b.AnswerID, b.JSON = idPlaceholder, nil
	enc, err := json.Marshal(&b)
	if err != nil {
		return nil
	}
	// A quote inside a JSON string is escaped, so this only matches the answer_id member.
	member := []byte(`"answer_id":"` + idPlaceholder + `"`)
	at := bytes.Index(enc, member)
	if at < 0 {
		return nil
	}
	return &AnswerJSON{enc: enc, at: at + len(`"answer_id":"`)}
}

// Append appends the JSON of the answer with answer_id id to dst: the bytes json.Marshal
// gives for the answer with that AnswerID. id goes in as it is, so it must be a non-empty
// string that needs no escaping in JSON (the server's ids are hex).
func (j *AnswerJSON) Append(dst []byte, id string) []byte {
	dst = append(dst, j.enc[:j.at]...)
	dst = append(dst, id...)
	return append(dst, j.enc[j.at+len(idPlaceholder):]...)
}
