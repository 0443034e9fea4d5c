using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NonCoopBot.App.Tests.Manifest;

/// <summary>
/// Minimal PNG decoder for the icon checks: 8-bit greyscale, RGB, palette, grey+alpha and RGBA,
/// non-interlaced; verifies chunk CRCs, inflates IDAT with <see cref="ZLibStream"/> and undoes
/// the five scanline filters. Pixels come out as RGBA.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte colourType, byte[] rgba)
    {
        Width = width;
        Height = height;
        ColourType = colourType;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>IHDR colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA.</summary>
    public byte ColourType { get; }

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = ((y * Width) + x) * 4;
            return (_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]);
        }
    }

    public static PngImage Load(string path) => Decode(File.ReadAllBytes(path));

    public static PngImage Decode(ReadOnlySpan<byte> png)
    {
        if (png.Length < Signature.Length || !png[..Signature.Length].SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG: bad signature");
        }

        int width = 0, height = 0;
        byte bitDepth = 0, colourType = 0;
        var sawHeader = false;
        var sawEnd = false;
        byte[]? palette = null;
        byte[]? paletteAlpha = null;
        using var idat = new MemoryStream();

        var offset = Signature.Length;
        while (!sawEnd)
        {
            if (offset + 12 > png.Length)
            {
                throw new InvalidDataException("truncated PNG: no IEND chunk");
            }

            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(png[offset..]));
            if (offset + 12 + length > png.Length)
            {
                throw new InvalidDataException("truncated PNG chunk");
            }

            var typeAndData = png.Slice(offset + 4, 4 + length);
            var type = Encoding.ASCII.GetString(typeAndData[..4]);
            var data = typeAndData[4..];
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + length)..]);
            if (crc != Crc32(typeAndData))
            {
                throw new InvalidDataException($"bad CRC in {type} chunk");
            }

            switch (type)
            {
                case "IHDR":
                    width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data));
                    height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                    bitDepth = data[8];
                    colourType = data[9];
                    if (data[10] != 0 || data[11] != 0)
                    {
                        throw new InvalidDataException("unknown compression or filter method");
                    }

                    if (data[12] != 0)
                    {
                        throw new NotSupportedException("interlaced PNGs are not supported");
                    }

                    sawHeader = true;
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "tRNS":
                    paletteAlpha = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
                default:
                    break; // ancillary chunks are ignored
            }

            offset += 12 + length;
        }

        if (!sawHeader || width <= 0 || height <= 0)
        {
            throw new InvalidDataException("missing or empty IHDR");
        }

        if (bitDepth != 8)
        {
            throw new NotSupportedException($"bit depth {bitDepth} is not supported (only 8)");
        }

        var channels = colourType switch
        {
            0 => 1,
            2 => 3,
            3 => 1,
            4 => 2,
            6 => 4,
            _ => throw new InvalidDataException($"unknown colour type {colourType}"),
        };
        if (colourType == 3 && palette is null)
        {
            throw new InvalidDataException("palette image without PLTE");
        }

        var stride = width * channels;
        var raw = Inflate(idat.ToArray());
        if (raw.Length != height * (stride + 1))
        {
            throw new InvalidDataException($"IDAT holds {raw.Length} bytes; expected {height * (stride + 1)}");
        }

        var pixels = Unfilter(raw, height, stride, channels);
        return new PngImage(width, height, colourType, ToRgba(pixels, width * height, colourType, palette, paletteAlpha));
    }

    private static byte[] Inflate(byte[] zlibData)
    {
        using var input = new MemoryStream(zlibData);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Unfilter(byte[] raw, int height, int stride, int bytesPerPixel)
    {
        var result = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var src = raw.AsSpan((y * (stride + 1)) + 1, stride);
            var row = result.AsSpan(y * stride, stride);
            var previous = y > 0 ? result.AsSpan((y - 1) * stride, stride) : default;
            for (var i = 0; i < stride; i++)
            {
                int a = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                int b = y > 0 ? previous[i] : 0;
                int c = y > 0 && i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"unknown filter type {filter} on scanline {y}"),
                };
                row[i] = (byte)(src[i] + predictor);
            }
        }

        return result;
    }

    internal static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] ToRgba(byte[] pixels, int count, byte colourType, byte[]? palette, byte[]? paletteAlpha)
    {
        var rgba = new byte[count * 4];
        for (var p = 0; p < count; p++)
        {
            var o = p * 4;
            switch (colourType)
            {
                case 0:
                    rgba[o] = rgba[o + 1] = rgba[o + 2] = pixels[p];
                    rgba[o + 3] = 255;
                    break;
                case 2:
                    pixels.AsSpan(p * 3, 3).CopyTo(rgba.AsSpan(o));
                    rgba[o + 3] = 255;
                    break;
                case 3:
                    var index = pixels[p];
                    if ((index * 3) + 2 >= palette!.Length)
                    {
                        throw new InvalidDataException($"palette index {index} out of range");
                    }

                    palette.AsSpan(index * 3, 3).CopyTo(rgba.AsSpan(o));
                    rgba[o + 3] = paletteAlpha is not null && index < paletteAlpha.Length ? paletteAlpha[index] : (byte)255;
                    break;
                case 4:
                    rgba[o] = rgba[o + 1] = rgba[o + 2] = pixels[p * 2];
                    rgba[o + 3] = pixels[(p * 2) + 1];
                    break;
                default:
                    pixels.AsSpan(p * 4, 4).CopyTo(rgba.AsSpan(o));
                    break;
            }
        }

        return rgba;
    }

    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
