package mpiarr

import (
	"hash/crc32"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// SetZip64Limit lowers the size from which WriteNPZ writes zip64 records,
// so that small archives check them, and returns a function that restores
// the limit.
func SetZip64Limit(n int64) (restore func()) {
	old := zip64Limit
	zip64Limit = n
	return func() { zip64Limit = old }
}

// The shares of a stream cut into pieces, each run over zeros elsewhere,
// combine into the CRC-32 of the whole stream, however it is cut.
func TestCRCShares(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 7, 100, 4096, 100003} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(r.Uint32())
		}
		for _, parts := range []int{1, 2, 5} {
			// Piece i goes to share i%parts, in order of position.
			shares := make([]crcShare, parts)
			at := 0
			for i := 0; at < n; i++ {
				l := min(1+r.IntN(max(n/4, 1)), n-at)
				shares[i%parts].add(int64(at), data[at:at+l])
				at += l
			}
			reg := uint32(0)
			for i := range shares {
				reg ^= shares[i].end(int64(n))
			}
			require.Equal(t, crc32.ChecksumIEEE(data), crcOf(reg, int64(n)), "%d bytes in pieces over %d shares", n, parts)
		}
	}
}
