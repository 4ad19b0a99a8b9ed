package main

import (
	"strings"
	"testing"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
)

// The cross-check of the ops suite accepts the two programs' spellings of
// one checksum (Go's shortest 'g', Python's repr) and last-bit
// differences, and stops on a different shape or value.
func TestCheckOps(t *testing.T) {
	rec := func(system, cas, info string) result {
		return result{Record: harness.Record{System: system, Bench: "ops", Case: cas, Info: info}}
	}
	same := []result{
		rec("numpy", "sum_axis0", "shape (4096,) checksum 33552228.199355207"),
		rec("go", "sum_axis0", "shape (4096,) checksum 3.355222819935523e+07"),
		rec("go", "mask", "shape (8390143,) checksum 2.2375172302054193e+07"),
		rec("numpy", "mask", "shape (8390143,) checksum 22375172.302054208"),
		rec("go", "copy_c", "not an ops record"),
	}
	same[4].Bench = "kernels"
	if err := checkOps(same); err != nil {
		t.Fatalf("agreeing records: %v", err)
	}
	for _, bad := range []result{
		rec("numpy", "mask", "shape (8390144,) checksum 22375172.302054208"),
		rec("numpy", "mask", "shape (8390143,) checksum 22375173.302054208"),
		rec("numpy", "mask", "shape (8390143,)"),
	} {
		err := checkOps(append(append([]result(nil), same...), bad))
		if err == nil || !strings.Contains(err.Error(), "mask") {
			t.Errorf("%q: error %v, want one naming the case", bad.Info, err)
		}
	}
}
