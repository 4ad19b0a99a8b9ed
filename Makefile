# ndmpi: `make demo` shows the library at work, `make test` checks all of it.
# Both install what a fresh Debian machine with Go is missing (scripts/deps.sh).

GO          ?= go
STATICCHECK := $(CURDIR)/bin/staticcheck
# mpirun refuses to run as root without these; harmless otherwise.
export OMPI_ALLOW_RUN_AS_ROOT := 1
export OMPI_ALLOW_RUN_AS_ROOT_CONFIRM := 1

.PHONY: all demo test lint unit cgocheck mpich tcp cluster-test fuzz bench deps clean

all: test

## demo: build every example, run each under mpirun -np 4, cross-check the distributed ones on other numbers of ranks
demo:
	@./scripts/deps.sh mpi
	@$(GO) run ./examples/demo

## test: vet, staticcheck, gofmt, race-enabled tests (conformance, fuzz seeds,
## multi-rank MPI runs), then the MPI suite with cgo's strictest pointer
## checks, over TCP only, against MPICH, and across network-namespace hosts
test: lint unit cgocheck tcp mpich cluster-test

deps:
	@./scripts/deps.sh mpi mpich python tools

lint: deps
	@echo "==> gofmt"
	@fmt=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$fmt" ]; then echo "gofmt needed:"; echo "$$fmt"; exit 1; fi
	@echo "==> go vet"
	@$(GO) vet ./...
	@echo "==> staticcheck"
	@$(STATICCHECK) ./...
	@echo "==> go vet, staticcheck: bench/ (a module of its own)"
	@cd bench && $(GO) vet ./... && $(STATICCHECK) ./...

unit: deps
	@echo "==> go test -race ./..."
	@$(GO) test -race ./...

cgocheck: deps
	@echo "==> MPI suite with GOEXPERIMENT=cgocheck2"
	@GOEXPERIMENT=cgocheck2 $(GO) test -count=1 ./mpiarr/...

tcp: deps
	@if [ -d mpiarr ]; then \
		echo "==> MPI suite over TCP only (OMPI_MCA_btl=self,tcp)"; \
		OMPI_MCA_btl=self,tcp $(GO) test -count=1 ./mpiarr/...; fi

mpich: deps
	@if [ -d mpiarr ]; then \
		echo "==> MPI suite against MPICH (-tags mpich, -race)"; \
		$(GO) test -race -count=1 -tags mpich ./mpiarr/...; fi

## cluster-test: the MPI suite's key tests, heat2d and ranks killed mid-job
## across three network-namespace hosts over TCP, under OpenMPI and MPICH
## (root only: skipped with a message elsewhere; scripts/cluster/test.sh)
cluster-test: deps
	@GO="$(GO)" ./scripts/cluster/test.sh

## fuzz: a longer run of each fuzz target, one per decoder of bytes from a
## file or the wire (make test runs their seeds)
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run XXX -fuzz FuzzView -fuzztime $(FUZZTIME) ./ndarray/
	$(GO) test -run XXX -fuzz FuzzReshape -fuzztime $(FUZZTIME) ./ndarray/
	$(GO) test -run XXX -fuzz FuzzReadNPY -fuzztime $(FUZZTIME) ./ndarray/
	$(GO) test -run XXX -fuzz FuzzNPYHeaderParsers -fuzztime $(FUZZTIME) ./ndarray/
	$(GO) test -run XXX -fuzz FuzzPyLiteral -fuzztime $(FUZZTIME) ./ndarray/
	$(GO) test -run XXX -fuzz FuzzLoadNPZ -fuzztime $(FUZZTIME) ./ndarray/
	$(GO) test -run XXX -fuzz FuzzStr -fuzztime $(FUZZTIME) ./ndarray/internal/npformat/
	$(GO) test -run XXX -fuzz FuzzArrayHeader -fuzztime $(FUZZTIME) ./mpiarr/
	$(GO) test -run XXX -fuzz FuzzObjectMessage -fuzztime $(FUZZTIME) ./mpiarr/
	$(GO) test -run XXX -fuzz FuzzSignature -fuzztime $(FUZZTIME) ./mpiarr/

clean:
	rm -rf bin bench/out

## bench: C MPI, mpi4py+NumPy and ndmpi side by side; writes docs/benchmarks.md
## and docs/img/*.png (QUICK=1 for a short run, BENCH_DOCS=dir to write the
## report and plots elsewhere)
bench:
	@GO="$(GO)" ./bench/run.sh $(if $(QUICK),-quick) $(if $(BENCH_DOCS),-docs $(BENCH_DOCS))
