#include "anatomix/report/deidentifier.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRandomGenerator>

#include "anatomix/report/report_error.h"

namespace anatomix::report {

namespace {

// PS3.15 Table E.1-1 action codes, resolved for a Comprehensive SR: where the profile allows a
// choice (Z/D, X/Z, X/D) the IOD's type decides: type 1 -> Dummy, type 2 -> Empty, type 3 -> Remove.
enum class Action { Remove, Empty, Dummy, ReplaceUid };

struct Rule {
  DcmTagKey tag;
  Action action;
  const char* dummy;  // for Action::Dummy
};

const Rule kBasicProfileRules[] = {
    // Patient
    {DCM_PatientName, Action::Empty, nullptr},
    {DCM_PatientID, Action::Empty, nullptr},
    {DCM_IssuerOfPatientID, Action::Remove, nullptr},
    {DCM_PatientBirthDate, Action::Empty, nullptr},
    {DCM_PatientBirthTime, Action::Remove, nullptr},
    {DCM_PatientSex, Action::Empty, nullptr},
    {DCM_OtherPatientIDsSequence, Action::Remove, nullptr},
    {DCM_RETIRED_OtherPatientIDs, Action::Remove, nullptr},
    {DCM_OtherPatientNames, Action::Remove, nullptr},
    {DCM_PatientBirthName, Action::Remove, nullptr},
    {DCM_PatientAge, Action::Remove, nullptr},
    {DCM_PatientSize, Action::Remove, nullptr},
    {DCM_PatientWeight, Action::Remove, nullptr},
    {DCM_PatientAddress, Action::Remove, nullptr},
    {DCM_PatientTelephoneNumbers, Action::Remove, nullptr},
    {DCM_PatientMotherBirthName, Action::Remove, nullptr},
    {DCM_RETIRED_MedicalRecordLocator, Action::Remove, nullptr},
    {DCM_EthnicGroup, Action::Remove, nullptr},
    {DCM_Occupation, Action::Remove, nullptr},
    {DCM_AdditionalPatientHistory, Action::Remove, nullptr},
    {DCM_PatientComments, Action::Remove, nullptr},
    {DCM_MilitaryRank, Action::Remove, nullptr},
    {DCM_BranchOfService, Action::Remove, nullptr},
    {DCM_CountryOfResidence, Action::Remove, nullptr},
    {DCM_RegionOfResidence, Action::Remove, nullptr},
    {DCM_PatientInsurancePlanCodeSequence, Action::Remove, nullptr},
    {DCM_AdmittingDiagnosesDescription, Action::Remove, nullptr},
    {DCM_AdmissionID, Action::Remove, nullptr},
    // Study, series, instance
    {DCM_AccessionNumber, Action::Empty, nullptr},
    {DCM_StudyID, Action::Empty, nullptr},
    {DCM_StudyDate, Action::Empty, nullptr},
    {DCM_StudyTime, Action::Empty, nullptr},
    {DCM_StudyDescription, Action::Remove, nullptr},
    {DCM_SeriesDate, Action::Remove, nullptr},
    {DCM_SeriesTime, Action::Remove, nullptr},
    {DCM_SeriesDescription, Action::Remove, nullptr},
    {DCM_AcquisitionDate, Action::Remove, nullptr},
    {DCM_AcquisitionTime, Action::Remove, nullptr},
    {DCM_AcquisitionDateTime, Action::Remove, nullptr},
    {DCM_ContentDate, Action::Dummy, "19000101"},
    {DCM_ContentTime, Action::Dummy, "000000"},
    {DCM_InstanceCreationDate, Action::Remove, nullptr},
    {DCM_InstanceCreationTime, Action::Remove, nullptr},
    {DCM_ObservationDateTime, Action::Remove, nullptr},
    {DCM_ProtocolName, Action::Remove, nullptr},
    {DCM_ImageComments, Action::Remove, nullptr},
    {DCM_FrameComments, Action::Remove, nullptr},
    {DCM_ReferencedPerformedProcedureStepSequence, Action::Empty, nullptr},
    {DCM_ReferencedStudySequence, Action::Remove, nullptr},
    {DCM_ReferencedPatientSequence, Action::Remove, nullptr},
    {DCM_RequestAttributesSequence, Action::Remove, nullptr},
    {DCM_ReferencedRequestSequence, Action::Remove, nullptr},
    {DCM_RequestedProcedureDescription, Action::Remove, nullptr},
    {DCM_RequestedProcedureID, Action::Remove, nullptr},
    {DCM_PerformedProcedureStepID, Action::Remove, nullptr},
    {DCM_PerformedProcedureStepStartDate, Action::Remove, nullptr},
    {DCM_PerformedProcedureStepStartTime, Action::Remove, nullptr},
    {DCM_PerformedProcedureStepDescription, Action::Remove, nullptr},
    {DCM_RequestingService, Action::Remove, nullptr},
    {DCM_OriginalAttributesSequence, Action::Remove, nullptr},
    // People, places, devices
    {DCM_ReferringPhysicianName, Action::Empty, nullptr},
    {DCM_ReferringPhysicianAddress, Action::Remove, nullptr},
    {DCM_ReferringPhysicianTelephoneNumbers, Action::Remove, nullptr},
    {DCM_ReferringPhysicianIdentificationSequence, Action::Remove, nullptr},
    {DCM_PhysiciansOfRecord, Action::Remove, nullptr},
    {DCM_PhysiciansOfRecordIdentificationSequence, Action::Remove, nullptr},
    {DCM_PerformingPhysicianName, Action::Remove, nullptr},
    {DCM_NameOfPhysiciansReadingStudy, Action::Remove, nullptr},
    {DCM_RequestingPhysician, Action::Remove, nullptr},
    {DCM_OperatorsName, Action::Remove, nullptr},
    {DCM_OperatorIdentificationSequence, Action::Remove, nullptr},
    {DCM_InstitutionName, Action::Remove, nullptr},
    {DCM_InstitutionAddress, Action::Remove, nullptr},
    {DCM_InstitutionCodeSequence, Action::Remove, nullptr},
    {DCM_InstitutionalDepartmentName, Action::Remove, nullptr},
    {DCM_StationName, Action::Remove, nullptr},
    {DCM_DeviceSerialNumber, Action::Remove, nullptr},
    {DCM_AuthorObserverSequence, Action::Remove, nullptr},
    {DCM_ParticipantSequence, Action::Remove, nullptr},
    {DCM_VerifyingObserverSequence, Action::Remove, nullptr},
    {DCM_VerifyingOrganization, Action::Remove, nullptr},
    {DCM_CustodialOrganizationSequence, Action::Remove, nullptr},
    {DCM_PersonName, Action::Remove, nullptr},
    {DCM_ContentCreatorName, Action::Empty, nullptr},  // type 2 in presentation states
    // Instance UIDs: replaced consistently
    {DCM_StudyInstanceUID, Action::ReplaceUid, nullptr},
    {DCM_SeriesInstanceUID, Action::ReplaceUid, nullptr},
    {DCM_SOPInstanceUID, Action::ReplaceUid, nullptr},
    {DCM_ReferencedSOPInstanceUID, Action::ReplaceUid, nullptr},
    {DCM_FrameOfReferenceUID, Action::ReplaceUid, nullptr},
    {DCM_SynchronizationFrameOfReferenceUID, Action::ReplaceUid, nullptr},
    {DCM_InstanceCreatorUID, Action::ReplaceUid, nullptr},
    {DCM_DeviceUID, Action::ReplaceUid, nullptr},
    {DCM_UID, Action::ReplaceUid, nullptr},
    {DCM_ObservationUID, Action::ReplaceUid, nullptr},
    {DCM_TransactionUID, Action::ReplaceUid, nullptr},
    {DCM_IrradiationEventUID, Action::ReplaceUid, nullptr},
    {DCM_ConcatenationUID, Action::ReplaceUid, nullptr},
    {DCM_DimensionOrganizationUID, Action::ReplaceUid, nullptr},
    {DCM_StorageMediaFileSetUID, Action::ReplaceUid, nullptr},
};

const Rule* ruleFor(const DcmTagKey& tag) {
  for (const Rule& rule : kBasicProfileRules) {
    if (rule.tag == tag) return &rule;
  }
  return nullptr;
}

void check(const OFCondition& status, const DcmTagKey& tag) {
  if (status.bad()) {
    throw ReportError(
        QCoreApplication::translate("anatomix::report::Deidentifier", "De-identification could not change %1: %2")
            .arg(QString::fromLatin1(tag.toString().c_str()), QString::fromUtf8(status.text())));
  }
}

void addCode(DcmSequenceOfItems& sequence, const char* value, const char* scheme, const char* meaning) {
  auto* item = new DcmItem();
  item->putAndInsertString(DCM_CodeValue, value);
  item->putAndInsertString(DCM_CodingSchemeDesignator, scheme);
  item->putAndInsertString(DCM_CodeMeaning, meaning);
  sequence.append(item);
}

// 128 bits as decimal, for a "2.25." UUID-derived UID (PS3.5 B.2).
QString decimalOf(const QByteArray& sixteenBytes) {
  unsigned __int128 value = 0;
  for (int i = 0; i < 16; ++i) value = (value << 8) | static_cast<unsigned char>(sixteenBytes[i]);
  if (value == 0) return QStringLiteral("0");
  QString digits;
  while (value > 0) {
    digits.prepend(QChar(u'0' + static_cast<int>(value % 10)));
    value /= 10;
  }
  return digits;
}

}  // namespace

Deidentifier::Deidentifier() {
  // One random salt per process (thread-safe static): the text, PDF and SR exports of a session
  // agree on the replacement UIDs, and no one can recompute them afterwards.
  static const QString processSalt = [] {
    const quint64 high = QRandomGenerator::system()->generate64();
    const quint64 low = QRandomGenerator::system()->generate64();
    return QString::number(high, 16) + QString::number(low, 16);
  }();
  m_salt = processSalt;
}

QString Deidentifier::replacementUid(const QString& uid) {
  if (uid.isEmpty()) return uid;
  const auto found = m_uids.constFind(uid);
  if (found != m_uids.constEnd()) return found.value();
  const QByteArray digest =
      QCryptographicHash::hash((m_salt + QLatin1Char('|') + uid).toUtf8(), QCryptographicHash::Sha256).left(16);
  const QString replacement = QStringLiteral("2.25.") + decimalOf(digest);
  m_uids.insert(uid, replacement);
  return replacement;
}

void Deidentifier::applyRules(DcmItem& dataset) {
  for (unsigned long index = 0; index < dataset.card();) {
    DcmElement* element = dataset.getElement(index);
    const DcmTag tag = element->getTag();
    // Private attributes: removed (no Retain Safe Private option).
    if (tag.isPrivate()) {
      delete dataset.remove(index);
      continue;
    }
    const Rule* rule = ruleFor(tag);
    if (rule && rule->action == Action::Remove) {
      delete dataset.remove(index);
      continue;
    }
    if (rule) {
      switch (rule->action) {
        case Action::Empty:
          if (tag.getEVR() == EVR_SQ) {
            static_cast<DcmSequenceOfItems*>(element)->clear();
          } else {
            check(element->putString(""), tag);
          }
          break;
        case Action::Dummy:
          check(element->putString(rule->dummy), tag);
          break;
        case Action::ReplaceUid: {
          OFString value;
          element->getOFStringArray(value);
          check(element->putString(replacementUid(QString::fromLatin1(value.c_str())).toLatin1().constData()), tag);
          break;
        }
        case Action::Remove:
          break;
      }
    }
    if (tag.getEVR() == EVR_SQ) {
      auto* sequence = static_cast<DcmSequenceOfItems*>(element);
      for (unsigned long i = 0; i < sequence->card(); ++i) applyRules(*sequence->getItem(i));
    }
    ++index;
  }
}

void Deidentifier::apply(DcmItem& dataset) {
  applyRules(dataset);
  check(dataset.putAndInsertString(DCM_PatientIdentityRemoved, "YES"), DCM_PatientIdentityRemoved);
  check(dataset.putAndInsertString(DCM_DeidentificationMethod, "PS3.15 E.1 Basic Profile; Clean Structured Content"),
        DCM_DeidentificationMethod);
  auto* methods = new DcmSequenceOfItems(DCM_DeidentificationMethodCodeSequence);
  addCode(*methods, "113100", "DCM", "Basic Application Confidentiality Profile");
  addCode(*methods, "113104", "DCM", "Clean Structured Content Option");
  check(dataset.insert(methods, true), DCM_DeidentificationMethodCodeSequence);
}

StudyIdentity Deidentifier::apply(const StudyIdentity& study) {
  StudyIdentity clean;
  clean.sourceFilePath = study.sourceFilePath;
  clean.studyInstanceUid = replacementUid(study.studyInstanceUid);
  clean.seriesInstanceUid = replacementUid(study.seriesInstanceUid);
  clean.sopClassUid = study.sopClassUid;
  clean.sopInstanceUid = replacementUid(study.sopInstanceUid);
  clean.imageColumns = study.imageColumns;
  clean.imageRows = study.imageRows;
  return clean;
}

}  // namespace anatomix::report
