#include "anatomix/image/rgb_png.h"

#include <cstring>

#include <itkImage.h>
#include <itkImageFileWriter.h>
#include <itkPNGImageIO.h>
#include <itkRGBPixel.h>

#include "anatomix/image/image_error.h"

namespace anatomix::image {

void write_rgb_png(const std::string& path, const Rgb8Image& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * 3)
    throw ImageError(path, "the image to write is empty or its pixel buffer has the wrong size");
  using Pixel = itk::RGBPixel<unsigned char>;
  using ItkImage = itk::Image<Pixel, 2>;
  auto out = ItkImage::New();
  ItkImage::RegionType region;
  region.SetSize({{static_cast<itk::SizeValueType>(image.width), static_cast<itk::SizeValueType>(image.height)}});
  out->SetRegions(region);
  out->Allocate();
  std::memcpy(out->GetBufferPointer(), image.pixels.data(), image.pixels.size());
  auto writer = itk::ImageFileWriter<ItkImage>::New();
  writer->SetImageIO(itk::PNGImageIO::New());
  writer->SetFileName(path);
  writer->SetInput(out);
  try {
    writer->Update();
  } catch (const itk::ExceptionObject& error) {
    throw ImageError(path, std::string("cannot write the PNG: ") + error.GetDescription());
  }
}

}  // namespace anatomix::image
