using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NonCoopBot.App.Tests.Manifest;

/// <summary>The icon checks are only as good as the decoder: prove it on PNGs built here with every filter type.</summary>
public sealed class PngImageTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Decode_UndoesEachScanlineFilter(byte filter)
    {
        var (width, height, pixels) = Gradient(7, 5);

        var image = PngImage.Decode(Encode(width, height, pixels, filter));

        Assert.Equal((width, height, (byte)6), (image.Width, image.Height, image.ColourType));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                Assert.Equal((pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]), image[x, y]);
            }
        }
    }

    [Fact]
    public void Decode_RejectsACorruptChunk()
    {
        var (width, height, pixels) = Gradient(4, 4);
        var png = Encode(width, height, pixels, filter: 0);
        png[20] ^= 0xFF; // inside IHDR: the CRC no longer matches

        var error = Assert.Throws<InvalidDataException>(() => PngImage.Decode(png));

        Assert.Contains("CRC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RejectsANonPng()
    {
        Assert.Throws<InvalidDataException>(() => PngImage.Decode("GIF89a........"u8));
    }

    private static (int Width, int Height, byte[] Pixels) Gradient(int width, int height)
    {
        var pixels = new byte[width * height * 4];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 37) + (i / 5 * 11));
        }

        return (width, height, pixels);
    }

    private static byte[] Encode(int width, int height, byte[] rgba, byte filter)
    {
        const int Bpp = 4;
        var stride = width * Bpp;
        var raw = new byte[height * (stride + 1)];
        for (var y = 0; y < height; y++)
        {
            raw[y * (stride + 1)] = filter;
            for (var i = 0; i < stride; i++)
            {
                int a = i >= Bpp ? rgba[(y * stride) + i - Bpp] : 0;
                int b = y > 0 ? rgba[((y - 1) * stride) + i] : 0;
                int c = y > 0 && i >= Bpp ? rgba[((y - 1) * stride) + i - Bpp] : 0;
                var predictor = filter switch
                {
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => PngImage.Paeth(a, b, c),
                    _ => 0,
                };
                raw[(y * (stride + 1)) + 1 + i] = (byte)(rgba[(y * stride) + i] - predictor);
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8;
        header[9] = 6;

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, PngImage.Crc32(typeAndData));
        png.Write(word);
    }
}
