package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// machine describes where the benchmarks ran and with which tools.
type machine struct {
	CPU, Cores, Memory, Kernel, OS   string
	Go, GCC, OpenMPI, Python, NumPy  string
	MPI4py, Date, Transport, Binding string
	Code                             string // the commit measured; -dirty with local changes
}

func machineInfo() machine {
	m := machine{
		CPU:    cpuModel(),
		Cores:  fmt.Sprintf("%d online (runtime.NumCPU)", runtime.NumCPU()),
		Kernel: strings.TrimSpace(readFile("/proc/sys/kernel/osrelease")),
		Date:   time.Now().UTC().Format("2006-01-02 15:04 MST"),
		Code:   firstOutLine("git", "describe", "--always", "--dirty", "--abbrev=7"),
		Go:     firstOutLine(goTool(), "version"),
		GCC:    firstOutLine("mpicc", "--version"),
		OpenMPI: strings.TrimPrefix(firstOutLine("ompi_info", "--version"), "") + " (" +
			firstOutLine("mpirun", "--version") + ")",
	}
	if v := lscpu("Core(s) per socket"); v != "" {
		m.Cores += fmt.Sprintf("; %s core(s) per socket, %s socket(s), %s thread(s) per core",
			v, lscpu("Socket(s)"), lscpu("Thread(s) per core"))
	}
	if hv := lscpu("Hypervisor vendor"); hv != "" {
		m.CPU += " (virtual machine, " + hv + ")"
	}
	for _, l := range strings.Split(readFile("/proc/meminfo"), "\n") {
		if strings.HasPrefix(l, "MemTotal:") {
			f := strings.Fields(l)
			if len(f) >= 2 {
				kb, _ := strconv.Atoi(f[1])
				m.Memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	for _, l := range strings.Split(readFile("/etc/os-release"), "\n") {
		if v, ok := strings.CutPrefix(l, "PRETTY_NAME="); ok {
			m.OS = strings.Trim(v, `"`)
		}
	}
	out, err := exec.Command(python, "-c",
		"import sys, numpy, mpi4py; print(sys.version.split()[0]); print(numpy.__version__); print(mpi4py.__version__)").Output()
	if err == nil {
		f := strings.Fields(string(out))
		if len(f) == 3 {
			m.Python, m.NumPy, m.MPI4py = f[0]+" ("+python+")", f[1], f[2]
		}
	}
	m.Transport = "ob1 PML over the vader shared-memory BTL (`--mca pml ob1 --mca btl self,vader`), single-copy mechanism: " +
		vaderSingleCopy()
	return m
}

func cpuModel() string {
	for _, l := range strings.Split(readFile("/proc/cpuinfo"), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	if v := lscpu("Model name"); v != "" {
		return v
	}
	return "unknown"
}

var lscpuOut string

func lscpu(key string) string {
	if lscpuOut == "" {
		out, _ := exec.Command("lscpu").Output()
		lscpuOut = string(out)
	}
	for _, l := range strings.Split(lscpuOut, "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func vaderSingleCopy() string {
	out, err := exec.Command("ompi_info", "--param", "btl", "vader", "--level", "9").Output()
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, "btl_vader_single_copy_mechanism") && strings.Contains(l, "current value") {
			if _, v, ok := strings.Cut(l, `current value: "`); ok {
				v, _, _ = strings.Cut(v, `"`)
				return v
			}
		}
	}
	return "unknown"
}

func readFile(p string) string {
	b, _ := os.ReadFile(p)
	return string(b)
}

func firstOutLine(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown"
	}
	l, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return strings.TrimSpace(l)
}

func readLoad() string {
	f := strings.Fields(readFile("/proc/loadavg"))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// cpuSample is the machine's busy CPU time (from /proc/stat) and the CPU
// time of this process's finished children (the benchmark runs).
type cpuSample struct {
	busy, children float64 // seconds
	ok             bool
}

func readCPU() cpuSample {
	var s cpuSample
	for _, l := range strings.Split(readFile("/proc/stat"), "\n") {
		f := strings.Fields(l)
		if len(f) < 8 || f[0] != "cpu" {
			continue
		}
		// user nice system idle iowait irq softirq steal
		var busy float64
		for i, v := range f[1:] {
			x, _ := strconv.ParseFloat(v, 64)
			if i == 3 || i == 4 || i >= 8 { // idle, iowait, guest (already in user)
				continue
			}
			busy += x
		}
		s.busy, s.ok = busy/100, true // USER_HZ is 100 on Linux
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru) == nil {
		s.children = tv(ru.Utime) + tv(ru.Stime)
	}
	return s
}

func tv(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }

// othersCPU estimates how much of the machine other processes used while
// the benchmarks ran: busy CPU time not spent by our own children, as a
// share of all cores' time.
func othersCPU(a, b cpuSample, wall time.Duration) float64 {
	if !a.ok || !b.ok || wall <= 0 {
		return -1
	}
	others := (b.busy - a.busy) - (b.children - a.children)
	if others < 0 {
		others = 0
	}
	return others / (wall.Seconds() * float64(runtime.NumCPU()))
}
