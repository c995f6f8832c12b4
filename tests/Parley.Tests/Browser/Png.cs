using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Parley.Tests.Browser;

/// <summary>
/// Just enough PNG reading (8-bit RGB/RGBA, not interlaced: what Chromium writes) to tell whether two screenshots
/// show the same picture. Chromium's software rasteriser anti-aliases a rounded corner a level or two differently
/// from run to run; such noise must not rewrite the picture in the repository on every test run.
/// </summary>
internal sealed record Png(int Width, int Height, int BytesPerPixel, byte[] Pixels)
{
    /// <summary>Largest difference of one colour channel that still counts as the same picture.</summary>
    private const int Noise = 8;

    public static Png Read(byte[] file)
    {
        if (file.Length < 33 || Encoding.Latin1.GetString(file, 0, 8) != "\u0089PNG\r\n\u001a\n")
        {
            throw new InvalidDataException("Not a PNG.");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(20));
        var (depth, colour, interlace) = (file[24], file[25], file[28]);
        if (depth != 8 || colour is not (2 or 6) || interlace != 0)
        {
            throw new InvalidDataException($"Unexpected PNG: depth {depth}, colour type {colour}, interlace {interlace}.");
        }

        using var compressed = new MemoryStream();
        for (var at = 8; at < file.Length; at += 12 + BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at)))
        {
            if (Encoding.Latin1.GetString(file, at + 4, 4) == "IDAT")
            {
                compressed.Write(file, at + 8, BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at)));
            }
        }

        compressed.Position = 0;
        using var inflate = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        var bpp = colour == 2 ? 3 : 4;
        return new Png(width, height, bpp, Unfilter(raw.ToArray(), width * bpp, height, bpp));
    }

    /// <summary>Same size and no channel of any pixel further apart than anti-aliasing noise.</summary>
    public bool LooksLike(Png other) =>
        (Width, Height, BytesPerPixel) == (other.Width, other.Height, other.BytesPerPixel)
        && !Pixels.Where((value, i) => Math.Abs(value - other.Pixels[i]) > Noise).Any();

    private static byte[] Unfilter(byte[] raw, int stride, int height, int bpp)
    {
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int left = x >= bpp ? pixels[(y * stride) + x - bpp] : 0;
                int up = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                int upLeft = x >= bpp && y > 0 ? pixels[((y - 1) * stride) + x - bpp] : 0;
                var predicted = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
                };
                pixels[(y * stride) + x] = (byte)(raw[(y * (stride + 1)) + 1 + x] + predicted);
            }
        }

        return pixels;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var (toLeft, toUp, toUpLeft) = (Math.Abs(estimate - left), Math.Abs(estimate - up), Math.Abs(estimate - upLeft));
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
