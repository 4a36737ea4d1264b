// Test support: writes gray or RGB images with ITK (PNG, JPEG, TIFF), header-only so that only the
// suites that need ITK compile it.
#pragma once

#include <array>
#include <string>
#include <vector>

#include <itkImage.h>
#include <itkImageFileWriter.h>
#include <itkJPEGImageIO.h>
#include <itkPNGImageIO.h>
#include <itkRGBPixel.h>
#include <itkTIFFImageIO.h>

namespace anatomix::image::testing {

inline itk::ImageIOBase::Pointer itk_io_for(const std::string& path) {
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".png") == 0) return itk::PNGImageIO::New().GetPointer();
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".jpg") == 0) return itk::JPEGImageIO::New().GetPointer();
  return itk::TIFFImageIO::New().GetPointer();
}

template <typename Pixel>
void write_itk_image(const std::string& path, int width, int height, const std::vector<Pixel>& pixels) {
  using Image = itk::Image<Pixel, 2>;
  auto image = Image::New();
  typename Image::RegionType region;
  region.SetSize({{static_cast<itk::SizeValueType>(width), static_cast<itk::SizeValueType>(height)}});
  image->SetRegions(region);
  image->Allocate();
  std::copy(pixels.begin(), pixels.end(), image->GetBufferPointer());
  auto writer = itk::ImageFileWriter<Image>::New();
  writer->SetFileName(path);
  writer->SetImageIO(itk_io_for(path));
  writer->SetInput(image);
  writer->Update();
}

}  // namespace anatomix::image::testing
