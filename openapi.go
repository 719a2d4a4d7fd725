package patientqa

import _ "embed"

// OpenAPI is the OpenAPI 3.1 description of the HTTP API (openapi.yaml), served at
// /openapi.yaml and checked against the server's responses in its tests.
//
//go:embed openapi.yaml
var OpenAPI []byte
