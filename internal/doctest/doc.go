// Package doctest holds no code: its test compiles every Go snippet of the
// repository's documentation (README.md and docs/*.md) against the
// module's current API, so that `go test ./...`, and with it `make test`,
// fails when a snippet no longer compiles. See doctest_test.go for the
// rules a snippet follows.
package doctest
