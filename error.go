package patientqa

import (
	"errors"
	"fmt"
)

// Error codes: a small closed set, mapped to HTTP status in exactly one table at the edge.
const (
	EINVALID     = "EINVALID"     // the request is malformed or fails validation
	ETOOLARGE    = "ETOOLARGE"    // the request body or question is too long
	EUNSUPPORTED = "EUNSUPPORTED" // wrong media type
	EMETHOD      = "EMETHOD"      // wrong HTTP method
	ENOTFOUND    = "ENOTFOUND"    // no such route or resource
	EFORBIDDEN   = "EFORBIDDEN"   // e.g. a cross-origin request from an origin not allowed
	ERATELIMIT   = "ERATELIMIT"   // too many requests from this client
	EUNAVAILABLE = "EUNAVAILABLE" // a dependency is down or the server is saturated
	ETIMEOUT     = "ETIMEOUT"     // the answer took too long
	ESLOW        = "ESLOW"        // the request body did not arrive in time
	EINTERNAL    = "EINTERNAL"    // a bug; details are logged, never sent
)

// Error is an application error whose Message is safe to show to the caller.
type Error struct {
	Code    string
	Message string
	Err     error // internal cause, logged only
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a caller-safe message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the caller-safe message of err, hiding internal details.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
