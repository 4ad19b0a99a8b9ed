package npformat

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// The values np.get_printoptions() reports in NumPy 1.24.
func TestDefaultOptionsMatchNumPy(t *testing.T) {
	require.Equal(t, Options{
		Precision: 8, Threshold: 1000, EdgeItems: 3, LineWidth: 75, Suppress: false,
		Sign: '-', FloatMode: FloatModeMaxPrec, NanStr: "nan", InfStr: "inf",
	}, DefaultOptions())
	require.NoError(t, DefaultOptions().Validate())
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*Options)
		ok     bool
	}{
		{"default", func(*Options) {}, true},
		{"zero sign and mode read as defaults", func(o *Options) { o.Sign, o.FloatMode = 0, "" }, true},
		{"plus sign", func(o *Options) { o.Sign = '+' }, true},
		{"space sign", func(o *Options) { o.Sign = ' ' }, true},
		{"bad sign", func(o *Options) { o.Sign = 'x' }, false},
		{"each float mode", func(o *Options) { o.FloatMode = FloatModeMaxPrecEqual }, true},
		{"bad float mode", func(o *Options) { o.FloatMode = "shortest" }, false},
		{"negative precision", func(o *Options) { o.Precision = -1 }, false},
		{"negative edgeitems", func(o *Options) { o.EdgeItems = -1 }, false},
		{"precision zero", func(o *Options) { o.Precision = 0 }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			tt.modify(&o)
			err := o.Validate()
			if tt.ok {
				require.NoError(t, err)
				require.NotPanics(t, func() { StrOpts([]float64{1, 2}, []int{2}, o) })
			} else {
				require.Error(t, err)
				require.Panics(t, func() { StrOpts([]float64{1, 2}, []int{2}, o) })
			}
		})
	}
}

func TestZeroStringOptionsReadAsDefaults(t *testing.T) {
	o := DefaultOptions()
	o.NanStr, o.InfStr, o.Sign, o.FloatMode = "", "", 0, ""
	v := []float64{1, nan(), inf(-1)}
	require.Equal(t, Str(v, []int{3}), StrOpts(v, []int{3}, o))
}

func TestSizeMismatchPanics(t *testing.T) {
	require.PanicsWithValue(t, "npformat: 3 values for shape [2 2] (want 4)", func() {
		Str([]int64{1, 2, 3}, []int{2, 2})
	})
	require.Panics(t, func() { Repr([]int64{}, nil) })
	require.Panics(t, func() { Str([]int64{}, []int{-1}) })
}

func nan() float64         { return math.NaN() }
func inf(sign int) float64 { return math.Inf(sign) }
