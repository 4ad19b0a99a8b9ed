package main

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// lineSeries is one line of a plot: one system.
type lineSeries struct {
	Name string
	X, Y []float64
}

// barGroup is one system's bars, one value per category.
type barGroup struct {
	Name   string
	Values []float64
}

const (
	plotW = 9 * vg.Inch
	plotH = 5.5 * vg.Inch
)

// Fixed colours per system family, so that the figures agree.
var systemColors = map[string]color.Color{
	"c":          color.RGBA{R: 0x44, G: 0x44, B: 0x44, A: 0xff},
	"c-huge":     color.RGBA{R: 0xa0, G: 0xa0, B: 0xa0, A: 0xff},
	"go":         color.RGBA{R: 0x00, G: 0x7d, B: 0x9c, A: 0xff},
	"mpi4py":     color.RGBA{R: 0xe0, G: 0x8a, B: 0x00, A: 0xff},
	"numpy":      color.RGBA{R: 0xe0, G: 0x8a, B: 0x00, A: 0xff},
	"Go":         color.RGBA{R: 0x00, G: 0x7d, B: 0x9c, A: 0xff},
	"NumPy":      color.RGBA{R: 0xe0, G: 0x8a, B: 0x00, A: 0xff},
	"Go ÷ C":     color.RGBA{R: 0x00, G: 0x7d, B: 0x9c, A: 0xff},
	"mpi4py ÷ C": color.RGBA{R: 0xe0, G: 0x8a, B: 0x00, A: 0xff},

	"Go Derived ÷ mpi4py": color.RGBA{R: 0x00, G: 0x7d, B: 0x9c, A: 0xff},
	"Go Pack ÷ mpi4py":    color.RGBA{R: 0x7a, G: 0xc7, B: 0xdb, A: 0xff},
	"C ÷ mpi4py":          color.RGBA{R: 0x44, G: 0x44, B: 0x44, A: 0xff},
}

func colorOf(name string, i int) color.Color {
	if c, ok := systemColors[name]; ok {
		return c
	}
	return plotutil.Color(i)
}

func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.Top = true
	p.Legend.Left = true
	p.Add(plotter.NewGrid())
	return p
}

// sizeTicks labels a log2 axis of byte sizes at powers of 4.
func sizeTicks(format func(int64) string) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		var ts []plot.Tick
		for e := 0; e <= 40; e++ {
			v := math.Pow(2, float64(e))
			if v < min/1.01 || v > max*1.01 {
				continue
			}
			label := ""
			if e%2 == 1 || e == 0 {
				label = format(int64(v))
			}
			ts = append(ts, plot.Tick{Value: v, Label: label})
		}
		return ts
	})
}

func addLines(p *plot.Plot, series []lineSeries) error {
	for i, s := range series {
		if len(s.X) == 0 {
			continue
		}
		xys := make(plotter.XYs, len(s.X))
		for j := range s.X {
			xys[j].X, xys[j].Y = s.X[j], s.Y[j]
		}
		l, pts, err := plotter.NewLinePoints(xys)
		if err != nil {
			return err
		}
		c := colorOf(s.Name, i)
		l.Color, l.Width = c, vg.Points(1.5)
		pts.Color, pts.Shape = c, plotutil.Shape(i)
		if strings.Contains(s.Name, "huge") || len(series) > 4 {
			l.Dashes = plotutil.Dashes(1 + i%3)
		}
		p.Add(l, pts)
		p.Legend.Add(s.Name, l, pts)
	}
	return nil
}

// plotLines draws one line per system against message size (log2 x axis).
func plotLines(file, title, xlabel, ylabel string, series []lineSeries, logY bool) error {
	p := newPlot(title, xlabel, ylabel)
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = sizeTicks(fmtSize)
	if logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	if err := addLines(p, series); err != nil {
		return err
	}
	return p.Save(plotW, plotH, file)
}

// plotWeak draws weak-scaling efficiencies (percent of the one-rank
// speed) against the number of ranks, with 100% dashed.
func plotWeak(file, title string, series []lineSeries) error {
	p := newPlot(title, "ranks (fixed work per rank)", "efficiency T(1) ÷ T(P) (%)")
	if err := addLines(p, series); err != nil {
		return err
	}
	hi := 0.0
	for _, s := range series {
		for j := range s.X {
			hi = math.Max(hi, s.X[j])
		}
	}
	ref, err := plotter.NewLine(plotter.XYs{{X: 1, Y: 100}, {X: hi, Y: 100}})
	if err != nil {
		return err
	}
	ref.Color, ref.Dashes = color.Gray{Y: 0x60}, []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(ref)
	p.Y.Min = 0
	p.X.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 1, Label: "1"}, {Value: 2, Label: "2"}, {Value: 3, Label: "3"}, {Value: 4, Label: "4"}})
	return p.Save(plotW, plotH, file)
}

// plotLinesCount draws lines against an element count, log-log.
func plotLinesCount(file, title, xlabel, ylabel string, series []lineSeries) error {
	p := newPlot(title, xlabel, ylabel)
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = sizeTicks(fmtCount)
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	if err := addLines(p, series); err != nil {
		return err
	}
	return p.Save(plotW, plotH, file)
}

// plotBars draws grouped bars, one group per system, one bar per label.
// With logY it draws points on a log axis with a reference line at 1
// instead (bars have no base on a log scale).
func plotBars(file, title, ylabel string, labels []string, groups []barGroup, logY bool) error {
	p := newPlot(title, "", ylabel)
	if logY {
		return plotRatioPoints(p, file, "C (= 1)", labels, groups)
	}
	w := vg.Points(float64(min(20, 300/max(1, len(labels)*len(groups)))))
	for i, g := range groups {
		b, err := plotter.NewBarChart(plotter.Values(g.Values), w)
		if err != nil {
			return err
		}
		b.Color = colorOf(g.Name, i)
		b.LineStyle.Width = 0
		b.Offset = vg.Length(float64(i)-float64(len(groups)-1)/2) * w
		p.Add(b)
		p.Legend.Add(g.Name, b)
	}
	p.NominalX(labels...)
	p.Legend.Left = false
	return p.Save(plotW, plotH, file)
}

// plotRatios plots ratios to a reference system, one point per category
// and group, on a log scale with the reference's 1 dashed.
func plotRatios(file, title, ylabel, ref string, labels []string, groups []barGroup) error {
	return plotRatioPoints(newPlot(title, "", ylabel), file, ref, labels, groups)
}

func plotRatioPoints(p *plot.Plot, file, refName string, labels []string, groups []barGroup) error {
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	lo, hi := 1.0, 1.0
	for i, g := range groups {
		var xys plotter.XYs
		off := (float64(i) - float64(len(groups)-1)/2) * 0.2
		for j, v := range g.Values {
			if v > 0 {
				xys = append(xys, plotter.XY{X: float64(j) + off, Y: v})
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		if len(xys) == 0 {
			continue
		}
		s, err := plotter.NewScatter(xys)
		if err != nil {
			return err
		}
		s.Color = colorOf(g.Name, i)
		s.Shape = draw.CircleGlyph{}
		s.Radius = vg.Points(4)
		p.Add(s)
		p.Legend.Add(g.Name, s)
	}
	ref, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: 1}, {X: float64(len(labels)) - 0.5, Y: 1}})
	if err != nil {
		return err
	}
	ref.Color, ref.Dashes = color.Gray{Y: 0x60}, []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(ref)
	p.Legend.Add(refName, ref)
	p.Y.Min, p.Y.Max = lo/1.5, hi*1.5
	if p.Y.Max/p.Y.Min < 20 {
		// Less than a decade or so: LogTicks would label 1 alone.
		p.Y.Tick.Marker = pow2Ticks{}
	}
	p.X.Min, p.X.Max = -0.5, float64(len(labels))-0.5
	ticks := make([]plot.Tick, len(labels))
	for i, l := range labels {
		ticks[i] = plot.Tick{Value: float64(i), Label: l}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Tick.Label.Rotation = 0
	return p.Save(plotW+2*vg.Inch, plotH, file)
}

// pow2Ticks labels the powers of two (..., 0.25, 0.5, 1, 2, 4, ...) of a
// log axis too short for LogTicks' powers of ten.
type pow2Ticks struct{}

func (pow2Ticks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for e := math.Floor(math.Log2(min)); e <= math.Ceil(math.Log2(max)); e++ {
		v := math.Exp2(e)
		if v >= min && v <= max {
			ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
		}
	}
	return ts
}
