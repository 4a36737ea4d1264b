// ViewportLink: couples two ImageViewports side by side. While linked, a zoom, pan or window/level
// change made in one viewport gives the other the same zoom factor (screen px per image px), the
// same pan and the same window centre/width; orientation and invert stay each viewport's own.
// A new image in a viewport (setImage) is not passed on: each image opens fitted with its own
// default window. Unlinked, the two are independent. Both viewports are borrowed and must outlive
// the link. GUI thread only.
#pragma once

#include <QObject>
#include <QPointer>

namespace anatomix::image {
struct DecodedImage;
}

namespace anatomix::viewer {

class ImageViewport;

class ViewportLink : public QObject {
  Q_OBJECT
 public:
  ViewportLink(ImageViewport* first, ImageViewport* second, QObject* parent = nullptr);

  bool isLinked() const { return m_linked; }

 public slots:
  void setLinked(bool linked);

 signals:
  void linkedChanged(bool linked);

 private:
  void viewChangedIn(ImageViewport* source);
  void windowChangedIn(ImageViewport* source, double center, double width);
  ImageViewport* other(ImageViewport* viewport) const;
  // True when `source`'s change came from a new image, which is not passed on.
  bool imageJustChanged(ImageViewport* source);

  QPointer<ImageViewport> m_first;
  QPointer<ImageViewport> m_second;
  const image::DecodedImage* m_firstImage = nullptr;   // the image each viewport showed last time
  const image::DecodedImage* m_secondImage = nullptr;  // it changed something (identity only)
  bool m_linked = false;
  bool m_applying = false;  // applying a change to the other viewport: its echo is not passed back
};

}  // namespace anatomix::viewer
