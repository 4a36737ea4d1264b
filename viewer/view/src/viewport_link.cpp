#include "anatomix/viewer/viewport_link.h"

#include "anatomix/image/decoded_image.h"
#include "anatomix/viewer/image_viewport.h"

namespace anatomix::viewer {

ViewportLink::ViewportLink(ImageViewport* first, ImageViewport* second, QObject* parent)
    : QObject(parent), m_first(first), m_second(second) {
  m_firstImage = first->image().get();
  m_secondImage = second->image().get();
  for (ImageViewport* viewport : {first, second}) {
    connect(viewport, &ImageViewport::viewChanged, this, [this, viewport]() { viewChangedIn(viewport); });
    connect(viewport, &ImageViewport::windowChanged, this,
            [this, viewport](double center, double width) { windowChangedIn(viewport, center, width); });
  }
}

void ViewportLink::setLinked(bool linked) {
  if (linked == m_linked) return;
  m_linked = linked;
  emit linkedChanged(linked);
}

ImageViewport* ViewportLink::other(ImageViewport* viewport) const {
  return viewport == m_first ? m_second.data() : m_first.data();
}

bool ViewportLink::imageJustChanged(ImageViewport* source) {
  const image::DecodedImage*& seen = source == m_first ? m_firstImage : m_secondImage;
  const image::DecodedImage* now = source->image().get();
  if (now == seen) return false;
  // setImage reports its window and then its view: both belong to the new image.
  seen = now;
  return true;
}

void ViewportLink::viewChangedIn(ImageViewport* source) {
  const bool newImage = imageJustChanged(source);
  ImageViewport* target = other(source);
  if (!m_linked || m_applying || newImage || !target || !source->image() || !target->image()) return;
  PresentationTransform transform = target->transform();
  transform.setZoom(source->transform().zoom());
  transform.setPan(source->transform().pan());
  if (transform == target->transform()) return;
  m_applying = true;
  target->setTransform(transform);
  m_applying = false;
}

void ViewportLink::windowChangedIn(ImageViewport* source, double center, double width) {
  // setImage reports the window before the view: the view's check sees the new image then, so
  // look here without recording it.
  const image::DecodedImage* seen = source == m_first ? m_firstImage : m_secondImage;
  ImageViewport* target = other(source);
  if (!m_linked || m_applying || source->image().get() != seen || !target || !source->image() ||
      !target->image())
    return;
  if (target->window().center == center && target->window().width == width) return;
  m_applying = true;
  target->setWindowLevel(center, width);
  m_applying = false;
}

}  // namespace anatomix::viewer
