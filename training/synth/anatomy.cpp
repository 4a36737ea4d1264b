#include "synth/anatomy.h"

namespace anatomix::synth {

const std::array<std::string, kAnatomyCount>& anatomy_raw_names() {
  static const std::array<std::string, kAnatomyCount> names = {
      "Abdominal cavity",
      "Aortic arch structure",
      "Apical zone of left lung",
      "Apical zone of right lung",
      "Cardiac shadow viewed radiologically;;Heart",
      "Descending aorta",
      "Hilar Area of the Left Lung",
      "Hilar Area of the Right Lung",
      "Left clavicle",
      "Left hemidiaphragm",
      "Left lower lung zone",
      "Left lung",
      "Left mid lung zone",
      "Left upper lung zone",
      "Mediastinum",
      "Right atrial structure",
      "Right border of heart viewed radiologically",
      "Right clavicle",
      "Right hemidiaphragm",
      "Right lower lung zone",
      "Right lung",
      "Right mid lung zone",
      "Right upper lung zone",
      "Structure of carina",
      "Structure of left margin of heart",
      "Structure of left upper quadrant of abdomen",
      "Structure of right upper quadrant of abdomen",
      "Superior mediastinum",
      "Superior vena cava structure",
      "Trachea&&Main Bronchus",
      "Vertebral column",
      "cavoatrial",
      "left cardiophrenic sulcus",
      "left costophrenic sulcus;;Left costodiaphragmatic recess",
      "right cardiophrenic sulcus",
      "right costophrenic sulcus;;Right costodiaphragmatic recess",
  };
  return names;
}

const std::array<std::string, kAnatomyCount>& anatomy_display_names() {
  static const std::array<std::string, kAnatomyCount> names = [] {
    std::array<std::string, kAnatomyCount> out = anatomy_raw_names();
    out[kCardiacShadow] = "Cardiac shadow viewed radiologically or Heart";
    out[kTrachea] = "Trachea and Main Bronchus";
    out[kLeftCostophrenic] = "Left costodiaphragmatic recess";
    out[kRightCostophrenic] = "Right costodiaphragmatic recess";
    return out;
  }();
  return names;
}

const std::array<std::string, kAnatomyCount>& anatomy_bbox_names() {
  static const std::array<std::string, kAnatomyCount> names = {
      "abdomen", "aortic arch", "left apical zone", "right apical zone", "cardiac silhouette",
      "descending aorta", "left hilar structures", "right hilar structures", "left clavicle",
      "left hemidiaphragm", "left lower lung zone", "left lung", "left mid lung zone", "left upper lung zone",
      "mediastinum", "right atrium", "right cardiac silhouette", "right clavicle", "right hemidiaphragm",
      "right lower lung zone", "right lung", "right mid lung zone", "right upper lung zone", "carina",
      "left cardiac silhouette", "left upper abdomen", "right upper abdomen", "upper mediastinum", "svc",
      "trachea", "spine", "cavoatrial junction", "left cardiophrenic angle", "left costophrenic angle",
      "right cardiophrenic angle", "right costophrenic angle",
  };
  return names;
}

const std::array<std::string, kChexpertCount>& chexpert_label_names() {
  static const std::array<std::string, kChexpertCount> names = {
      "Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Enlarged Cardiomediastinum", "Fracture",
      "Lung Lesion", "Lung Opacity", "No Finding", "Pleural Effusion", "Pleural Other", "Pneumonia",
      "Pneumothorax", "Support Devices",
  };
  return names;
}

}  // namespace anatomix::synth
